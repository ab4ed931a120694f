// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Deploy} from "../script/Deploy.s.sol";
import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {ProofmintCollection} from "../src/ProofmintCollection.sol";
import {Test} from "./utils/Test.sol";

/// @notice The deploy script, run as a test (it records nothing outside a broadcast): it wires the
/// generated verifier, the adapter and the collection together for the built model.
contract DeployTest is Test {
    string internal constant MANIFEST = "circuits/sprite/manifest.json";
    address internal constant ANVIL_DEPLOYER = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;

    Deploy internal script;

    function setUp() public {
        vm.skip(!vm.exists(MANIFEST), "no built circuit yet: run circuits/build.py");
        script = new Deploy();
    }

    function test_run_wiresTheDeployment() public {
        Deploy.Deployment memory deployment = script.run();
        ProofmintCollection collection = ProofmintCollection(deployment.collection);
        EzklVerifierAdapter adapter = EzklVerifierAdapter(deployment.adapter);

        assertEq(address(collection.verifier()), deployment.adapter, "collection -> adapter");
        assertEq(address(adapter.halo2Verifier()), deployment.verifier, "adapter -> verifier");
        assertEq(
            collection.modelId(), vm.parseJsonString(vm.readFile(MANIFEST), ".model_id"), "model"
        );
        assertEq(collection.modelId(), deployment.modelId, "recorded model id");
        assertEq(collection.owner(), ANVIL_DEPLOYER, "owner");
        assertEq(collection.commitMinDelay(), 2, "anvil commit delay");
        assertEq(collection.commitLifetime(), 1 days, "commit lifetime");
        assertTrue(collection.supportsInterface(0x702c55a6), "IERC7007");
    }

    function test_RevertWhen_NoKeyOffAnvil() public {
        vm.skip(vm.envExists("DEPLOYER_PRIVATE_KEY"), "DEPLOYER_PRIVATE_KEY is set here");
        vm.chainId(11155111);
        vm.expectRevert(abi.encodeWithSelector(Deploy.DeployMissingKey.selector, 11155111));
        script.run();
    }
}
