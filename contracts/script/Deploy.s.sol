// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {ProofmintCollection} from "../src/ProofmintCollection.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {Vm} from "../test/utils/Vm.sol";

/// @title Deploy
/// @notice Deploys the generated verifier, its adapter and the collection, then records the
/// addresses in `packages/core/src/generated/deployments/<chainId>.json`, where the server, web
/// and SDK read them.
///
///     DEPLOYER_PRIVATE_KEY=0x... npx forge script contracts/script/Deploy.s.sol \
///       --rpc-url $RPC_URL --broadcast
///
/// Environment (all optional on anvil, chain id 31337):
/// - `DEPLOYER_PRIVATE_KEY`: required off anvil; on anvil it defaults to anvil's first
///   well-known account, whose key must never be used anywhere else.
/// - `PROOFMINT_OWNER`: the collection owner (royalty and contract URI), default the deployer.
/// - `PROOFMINT_COMMIT_MIN_DELAY`, `PROOFMINT_COMMIT_LIFETIME`: the commit window in seconds,
///   default 60 s and one day (2 s on anvil, so local mints stay quick).
/// - `PROOFMINT_MODEL`: the model whose manifest and verifier to deploy, default `sprite`.
contract Deploy {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 private constant ANVIL_CHAIN_ID = 31337;
    /// @dev Anvil's first default account: public knowledge, so only ever accepted on anvil.
    uint256 private constant ANVIL_DEPLOYER_KEY =
        0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;
    string private constant DEPLOYMENTS_DIR = "packages/core/src/generated/deployments";

    /// @notice No deployer key was given for a chain other than anvil.
    /// @param chainId The chain.
    error DeployMissingKey(uint256 chainId);

    /// @notice Anvil's well-known key was given for a chain other than anvil.
    /// @param chainId The chain.
    error DeployAnvilKeyOffAnvil(uint256 chainId);

    /// @notice The verifier source is not the one the model's manifest lists, so the model id
    /// would describe another verifying key.
    /// @param expected The SHA-256 the manifest lists.
    /// @param actual The SHA-256 of the source on disk.
    error DeployVerifierMismatch(bytes32 expected, bytes32 actual);

    /// @notice Creating the verifier failed (for instance, code above the chain's size limit).
    error DeployVerifierCreationFailed();

    /// @notice What was deployed.
    struct Deployment {
        address verifier;
        address adapter;
        address collection;
        string modelId;
        uint256 startBlock;
    }

    /// @notice Deploys and, when broadcasting, records the deployment.
    /// @return deployment The addresses and the model id.
    function run() external returns (Deployment memory deployment) {
        uint256 deployerKey = _deployerKey();
        address deployer = vm.addr(deployerKey);
        string memory manifest = vm.readFile(
            string.concat(
                "circuits/", vm.envOr("PROOFMINT_MODEL", string("sprite")), "/manifest.json"
            )
        );
        string memory model = vm.parseJsonString(manifest, ".model");
        _requireManifestVerifier(manifest);

        bool anvil = block.chainid == ANVIL_CHAIN_ID;
        uint256 minDelay = vm.envOr("PROOFMINT_COMMIT_MIN_DELAY", anvil ? 2 : uint256(60));
        uint256 lifetime = vm.envOr("PROOFMINT_COMMIT_LIFETIME", uint256(1 days));
        address owner = vm.envOr("PROOFMINT_OWNER", deployer);

        deployment.modelId = vm.parseJsonString(manifest, ".model_id");
        deployment.startBlock = block.number;
        bytes memory verifierCode = vm.getCode("Halo2Verifier.sol:Halo2Verifier");

        vm.startBroadcast(deployerKey);
        deployment.verifier = _create(verifierCode);
        deployment.adapter = address(new EzklVerifierAdapter(IHalo2Verifier(deployment.verifier)));
        deployment.collection = address(
            new ProofmintCollection(
                string.concat("proofmint ", model),
                "PROOFMINT",
                deployment.modelId,
                EzklVerifierAdapter(deployment.adapter),
                minDelay,
                lifetime,
                owner
            )
        );
        vm.stopBroadcast();

        if (vm.isContext(Vm.ForgeContext.ScriptBroadcast)) {
            _record(deployment, model, minDelay, lifetime, owner);
        }
    }

    function _deployerKey() private view returns (uint256 key) {
        key = vm.envOr("DEPLOYER_PRIVATE_KEY", uint256(0));
        if (block.chainid == ANVIL_CHAIN_ID) return key == 0 ? ANVIL_DEPLOYER_KEY : key;
        if (key == 0) revert DeployMissingKey(block.chainid);
        if (key == ANVIL_DEPLOYER_KEY) revert DeployAnvilKeyOffAnvil(block.chainid);
    }

    /// @dev The verifier compiled here must be the one the manifest's model id was computed with.
    function _requireManifestVerifier(string memory manifest) private view {
        string memory path = vm.parseJsonString(manifest, ".artifacts.verifier.path");
        bytes32 expected = vm.parseBytes32(
            string.concat("0x", vm.parseJsonString(manifest, ".artifacts.verifier.sha256"))
        );
        bytes32 actual = sha256(bytes(vm.readFile(path)));
        if (actual != expected) revert DeployVerifierMismatch(expected, actual);
    }

    function _create(bytes memory code) private returns (address deployed) {
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        if (deployed == address(0)) revert DeployVerifierCreationFailed();
    }

    function _record(
        Deployment memory deployment,
        string memory model,
        uint256 minDelay,
        uint256 lifetime,
        address owner
    ) private {
        string memory key = "deployment";
        vm.serializeString(
            key,
            "_generated",
            "Generated by contracts/script/Deploy.s.sol; do not edit. Schema: contracts/README.md"
        );
        vm.serializeUint(key, "chainId", block.chainid);
        vm.serializeString(key, "model", model);
        vm.serializeString(key, "modelId", deployment.modelId);
        vm.serializeAddress(key, "collection", deployment.collection);
        vm.serializeAddress(key, "adapter", deployment.adapter);
        vm.serializeAddress(key, "verifier", deployment.verifier);
        vm.serializeAddress(key, "owner", owner);
        vm.serializeUint(key, "commitMinDelay", minDelay);
        vm.serializeUint(key, "commitLifetime", lifetime);
        string memory json = vm.serializeUint(key, "startBlock", deployment.startBlock);
        vm.createDir(DEPLOYMENTS_DIR, true);
        vm.writeJson(json, string.concat(DEPLOYMENTS_DIR, "/", vm.toString(block.chainid), ".json"));
    }
}
