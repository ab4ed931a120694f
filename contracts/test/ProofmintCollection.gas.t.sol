// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {IERC7007} from "../src/interfaces/IERC7007.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {IProofmintCollection} from "../src/interfaces/IProofmintCollection.sol";
import {IpfsURI} from "../src/libraries/IpfsURI.sol";
import {OutputCommitment} from "../src/libraries/OutputCommitment.sol";
import {PackedPrompt} from "../src/libraries/PackedPrompt.sol";
import {PromptCodec} from "../src/libraries/PromptCodec.sol";
import {ProofmintFixture} from "./utils/ProofmintFixture.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice Gas of the calls a creator pays for, with real proofs: one call per test, so each is
/// measured cold. `snapshotGasLastCall` records each call alone in
/// contracts/snapshots/ProofmintCollection.json (execution gas: what the call itself uses);
/// `test_gas_perMintedToken` adds what a transaction pays on top (21,000 each, calldata at 16 gas
/// a non-zero byte and 4 a zero byte, minus the refund for the deleted commitment), and
/// `test_gas_mintItems` measures the mint's parts one by one. `forge snapshot` adds every whole
/// test to contracts/.gas-snapshot.
contract ProofmintCollectionGasTest is ProofmintFixture {
    string internal constant FIXTURES = "contracts/test/fixtures/proofs.json";
    string internal constant GROUP = "ProofmintCollection";
    bytes32 internal constant SALT = keccak256("salt");
    uint256 internal constant TRANSACTION_BASE_GAS = 21_000;
    /// @dev The 17-byte prompt: typical, one storage word.
    uint256 internal constant FIXTURE = 1;
    /// @dev The 64-byte prompt: the longest, two storage words.
    uint256 internal constant LONGEST = 2;

    IHalo2Verifier internal halo2Verifier;
    EzklVerifierAdapter internal adapter;
    MintGasProbe internal probe;
    string internal fixtures;

    function setUp() public {
        halo2Verifier = _deployGeneratedVerifier();
        adapter = new EzklVerifierAdapter(halo2Verifier);
        _deployCollection(adapter);
        fixtures = vm.readFile(FIXTURES);
        // Committed here, in an earlier transaction, so the mints below touch everything cold.
        _commit(CREATOR, _prompt(FIXTURE), CREATOR, SALT);
        _commit(CREATOR, _prompt(LONGEST), CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        probe = new MintGasProbe();
        probe.setCommitment(SALT);
    }

    function test_gas_commit() public {
        bytes32 commitment = _commitment(_prompt(FIXTURE), CREATOR, keccak256("another salt"));
        vm.prank(CREATOR);
        collection.commit(commitment);
        vm.snapshotGasLastCall(GROUP, "commit");
    }

    function test_gas_mint() public {
        _mintFixture(FIXTURE);
        vm.snapshotGasLastCall(GROUP, "mint");
    }

    function test_gas_mint_64BytePrompt() public {
        _mintFixture(LONGEST);
        vm.snapshotGasLastCall(GROUP, "mint (64-byte prompt)");
    }

    function test_gas_verify() public {
        (bytes memory prompt, bytes memory aigcData, bytes memory proof,) = _fixture(FIXTURE);
        bool valid = collection.verify(prompt, aigcData, proof);
        vm.snapshotGasLastCall(GROUP, "verify");
        assertTrue(valid, "verify");
    }

    function test_gas_adapter() public {
        (,, bytes memory proof, uint256[] memory instances) = _fixture(FIXTURE);
        bool valid = adapter.verifyProof(proof, instances);
        vm.snapshotGasLastCall(GROUP, "adapter.verifyProof");
        assertTrue(valid, "adapter");
    }

    function test_gas_halo2VerifierAlone() public {
        (,, bytes memory proof, uint256[] memory instances) = _fixture(FIXTURE);
        halo2Verifier.verifyProof(proof, instances);
        vm.snapshotGasLastCall(GROUP, "halo2Verifier.verifyProof");
    }

    /// @dev Everything a creator pays per minted token: the commit and the reveal transactions,
    /// each with its 21,000 base gas and its calldata, the reveal less its refund (the deleted
    /// commitment, 4,800; far below the cap of a fifth of the transaction's gas).
    function test_gas_perMintedToken() public {
        (bytes memory prompt, bytes memory aigcData, bytes memory proof,) = _fixture(FIXTURE);
        // The reveal of setUp's commitment (an earlier transaction: cold, and its deletion is
        // refunded as in a real reveal), then a commit of another, as a creator's next token
        // would; the two touch no common slot.
        bytes memory mintCall = abi.encodeCall(
            IProofmintCollection.mint, (CREATOR, prompt, aigcData, proof, SALT, TOKEN_URI)
        );
        bytes memory commitCall = abi.encodeCall(
            IProofmintCollection.commit, (_commitment(prompt, CREATOR, keccak256("next salt")))
        );
        vm.prank(CREATOR);
        (bool minted,) = address(collection).call(mintCall);
        assertTrue(minted, "mint");
        Vm.Gas memory mintGas = vm.lastCallGas();
        vm.prank(CREATOR);
        (bool committed,) = address(collection).call(commitCall);
        assertTrue(committed, "commit");
        uint256 commitExecution = vm.lastCallGas().gasTotalUsed;
        uint256 refund = uint256(int256(mintGas.gasRefunded));
        uint256 commitTransaction =
            TRANSACTION_BASE_GAS + _calldataGas(commitCall) + commitExecution;
        uint256 mintTransaction =
            TRANSACTION_BASE_GAS + _calldataGas(mintCall) + mintGas.gasTotalUsed - refund;
        assertEq(refund, 4800, "refund: the commitment");
        assertLe(refund * 5, mintTransaction + refund, "refund under the cap");

        vm.snapshotValue(GROUP, "commit calldata", _calldataGas(commitCall));
        vm.snapshotValue(GROUP, "commit transaction", commitTransaction);
        vm.snapshotValue(GROUP, "mint calldata", _calldataGas(mintCall));
        vm.snapshotValue(GROUP, "mint refund", refund);
        vm.snapshotValue(GROUP, "mint transaction", mintTransaction);
        vm.snapshotValue(GROUP, "per minted token", commitTransaction + mintTransaction);
    }

    /// @dev The mint's parts, each run alone and cold in a probe that does exactly what the
    /// collection does, with the same fixture; the previous storage layout is measured beside the
    /// current one.
    function test_gas_mintItems() public {
        (bytes memory prompt, bytes memory aigcData, bytes memory proof,) = _fixture(FIXTURE);
        (bytes memory longest,,,) = _fixture(LONGEST);
        uint256 id = uint256(keccak256(prompt));
        _item("prompt rules and 64 instances", probe.promptCodec(prompt));
        _item("output commitment read and compared", probe.outputCommitment(aigcData, proof));
        _item("token URI decoded", probe.decodeTokenURI(TOKEN_URI));
        _item("prompt stored (17 bytes)", probe.storePrompt(1, prompt));
        _item("prompt stored (64 bytes)", probe.storePrompt(2, longest));
        _item("prompt stored as bytes, before (17 bytes)", probe.storePromptBytes(1, prompt));
        _item("prompt stored as bytes, before (64 bytes)", probe.storePromptBytes(2, longest));
        _item("aigcData stored", probe.storeAigcData(id, bytes32(aigcData)));
        _item("token URI stored as its digest", probe.storeTokenURIDigest(id, TOKEN_URI));
        _item("token URI stored as a string, before", probe.storeTokenURIPath(id, TOKEN_URI));
        _item("ERC-721 mint (new owner)", probe.mintToken(CREATOR, id));
        _item("ERC-721 mint (owner of another token)", probe.mintToken(CREATOR, id + 1));
        _item("AigcData event", probe.emitAigcData(id, prompt, aigcData, proof));
        _item("MetadataUpdate event, before", probe.emitMetadataUpdate(id));
        _item("commitment deleted (before its 4,800 refund)", probe.deleteCommitment(SALT));
        _item("receiver check (EOA)", probe.checkReceiver(CREATOR, id));
    }

    // ---------------------------------------------------------------- helpers

    function _item(string memory name, uint256 gas) internal {
        vm.snapshotValue("ProofmintCollection.mintItems", name, gas);
    }

    function _mintFixture(uint256 index) internal {
        (bytes memory prompt, bytes memory aigcData, bytes memory proof,) = _fixture(index);
        vm.prank(CREATOR);
        collection.mint(CREATOR, prompt, aigcData, proof, SALT, TOKEN_URI);
    }

    /// @dev Intrinsic calldata gas before EIP-7623: 16 per non-zero byte, 4 per zero byte.
    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function _prompt(uint256 index) internal view returns (bytes memory) {
        return vm.parseJsonBytes(fixtures, _key(index, ".promptBytes"));
    }

    function _fixture(uint256 index)
        internal
        view
        returns (
            bytes memory prompt,
            bytes memory aigcData,
            bytes memory proof,
            uint256[] memory instances
        )
    {
        prompt = _prompt(index);
        aigcData = vm.parseJsonBytes(fixtures, _key(index, ".aigcData"));
        proof = vm.parseJsonBytes(fixtures, _key(index, ".proof"));
        instances = vm.parseJsonUintArray(fixtures, _key(index, ".instances"));
    }

    function _key(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".proofs[", vm.toString(index), "]", field);
    }
}

/// @notice Each part of a mint alone, written as `ProofmintCollection` writes it, returning the
/// gas it used (a measurement harness for the gas test, not a collection).
contract MintGasProbe is ERC721("probe", "PROBE") {
    mapping(uint256 tokenId => PackedPrompt.Words prompt) private _prompts;
    mapping(uint256 tokenId => bytes prompt) private _promptBytes;
    mapping(uint256 tokenId => bytes32 aigcData) private _aigcData;
    mapping(uint256 tokenId => bytes32 digest) private _metadataDigests;
    mapping(uint256 tokenId => string path) private _ipfsPaths;
    mapping(address committer => mapping(bytes32 commitment => uint256 committedAt)) private
        _commitments;

    function promptCodec(bytes calldata prompt) external view returns (uint256 gas) {
        gas = gasleft();
        PromptCodec.validate(prompt);
        PromptCodec.publicInstances(prompt);
        gas -= gasleft();
    }

    function outputCommitment(bytes calldata aigcData, bytes calldata proof)
        external
        view
        returns (uint256 gas)
    {
        gas = gasleft();
        (bool found, bytes32 commitment) = OutputCommitment.fromProof(proof);
        require(found && commitment == bytes32(aigcData));
        gas -= gasleft();
    }

    function decodeTokenURI(string calldata uri) external view returns (uint256 gas) {
        gas = gasleft();
        (bool valid,) = IpfsURI.digestOf(uri);
        require(valid);
        gas -= gasleft();
    }

    function storePrompt(uint256 id, bytes calldata prompt) external returns (uint256 gas) {
        gas = gasleft();
        (bytes32 head, bytes32 tail) = PackedPrompt.pack(prompt);
        _prompts[id].head = head;
        if (tail != 0) _prompts[id].tail = tail;
        gas -= gasleft();
    }

    function storePromptBytes(uint256 id, bytes calldata prompt) external returns (uint256 gas) {
        gas = gasleft();
        _promptBytes[id] = prompt;
        gas -= gasleft();
    }

    function storeAigcData(uint256 id, bytes32 aigcData) external returns (uint256 gas) {
        gas = gasleft();
        _aigcData[id] = aigcData;
        gas -= gasleft();
    }

    function storeTokenURIDigest(uint256 id, string calldata uri) external returns (uint256 gas) {
        gas = gasleft();
        (, bytes32 digest) = IpfsURI.digestOf(uri);
        _metadataDigests[id] = digest;
        gas -= gasleft();
    }

    /// @dev The previous layout: the URI without `ipfs://`, as a string, after a prefix check.
    function storeTokenURIPath(uint256 id, string calldata uri) external returns (uint256 gas) {
        gas = gasleft();
        require(keccak256(bytes(uri)[:7]) == keccak256("ipfs://"));
        _ipfsPaths[id] = uri[7:];
        gas -= gasleft();
    }

    function mintToken(address to, uint256 id) external returns (uint256 gas) {
        gas = gasleft();
        _mint(to, id);
        gas -= gasleft();
    }

    function emitAigcData(
        uint256 id,
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof
    ) external returns (uint256 gas) {
        gas = gasleft();
        emit IERC7007.AigcData(id, prompt, aigcData, proof);
        gas -= gasleft();
    }

    function emitMetadataUpdate(uint256 id) external returns (uint256 gas) {
        gas = gasleft();
        emit IERC4906.MetadataUpdate(id);
        gas -= gasleft();
    }

    /// @dev Called in the test's set-up: a commitment from an earlier transaction.
    function setCommitment(bytes32 commitment) external {
        _commitments[msg.sender][commitment] = block.timestamp;
    }

    /// @dev As in a mint, the slot was read (warm) before it is deleted.
    function deleteCommitment(bytes32 commitment) external returns (uint256 gas) {
        require(_commitments[msg.sender][commitment] != 0);
        gas = gasleft();
        delete _commitments[msg.sender][commitment];
        gas -= gasleft();
    }

    function checkReceiver(address to, uint256 id) external returns (uint256 gas) {
        gas = gasleft();
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), to, id, "");
        gas -= gasleft();
    }
}
