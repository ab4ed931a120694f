// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ProofmintCollection} from "../src/ProofmintCollection.sol";
import {StubAigcVerifier} from "./stubs/StubAigcVerifier.sol";
import {InvariantTest} from "./utils/InvariantTest.sol";
import {ProofmintFixture} from "./utils/ProofmintFixture.sol";
import {StubProofs} from "./utils/StubProofs.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice Drives the collection with every externally reachable action, honest or not, and keeps
/// the proof each successful mint used.
contract ProofmintHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev A commitment the handler made, to reveal later.
    struct Commit {
        address sender;
        bytes prompt;
        address to;
        bytes32 salt;
    }

    ProofmintCollection public immutable collection;
    address[3] private _actors = [address(0xA1), address(0xA2), address(0xA3)];
    /// @dev A small pool, so prompts collide; the last three are not canonical.
    bytes[8] private _prompts = [
        bytes("a red fox"),
        "a red fox at dawn",
        "glyph",
        "x",
        "the quick brown fox jumps over the lazy dog, twice! why? because",
        "A red fox",
        " glyph",
        "a  fox"
    ];

    Commit[] private _commits;

    /// @dev Output commitments (curve points) computed once: the pure-Solidity scalar
    /// multiplication of StubProofs is too slow to repeat on every call of a deep run.
    uint256[2][4] private _points;

    /// @notice The proof a successful mint of the token used.
    mapping(uint256 tokenId => bytes proof) public proofOf;
    /// @notice Successful mints.
    uint256 public mints;
    /// @notice Failed mints.
    uint256 public failedMints;

    constructor(ProofmintCollection collection_) {
        collection = collection_;
        for (uint256 i; i < _points.length; ++i) {
            (_points[i][0], _points[i][1]) = StubProofs.pointFor(abi.encode(i));
        }
    }

    /// @notice Every token id the fuzzer can reach.
    function tokenIds() external view returns (uint256[] memory ids) {
        ids = new uint256[](_prompts.length);
        for (uint256 i; i < ids.length; ++i) {
            ids[i] = uint256(keccak256(_prompts[i]));
        }
    }

    function commit(uint256 senderSeed, uint256 promptSeed, uint256 toSeed, bytes32 salt) external {
        Commit memory made = Commit(
            _actors[senderSeed % _actors.length],
            _prompt(promptSeed),
            _actors[toSeed % _actors.length],
            salt
        );
        bytes32 commitment = collection.computeCommitment(made.prompt, made.to, made.salt);
        vm.prank(made.sender);
        try collection.commit(commitment) {
            _commits.push(made);
        } catch {}
    }

    /// @notice Reveals one of the commitments made so far, honestly or not.
    /// @param kind Modulo 12: 0-4 honest; 5 the proof of another prompt; 6 of another output
    /// (aigcData not the proof's commitment); 7 garbage; 8 the proof with the commitment of another
    /// output in its place; 9 aigcData of 31 bytes; 10 the reveal copied by another sender;
    /// 11 replayed with another recipient.
    /// @param wait Modulo 16: 0 waits past the commit lifetime, 1 not at all, n the minimum delay
    /// plus n seconds.
    function mint(uint256 commitSeed, uint256 otherSeed, uint8 kind, uint8 wait) external {
        if (_commits.length == 0) return;
        wait %= 16;
        uint256 waited = wait == 0
            ? collection.commitLifetime() + 1
            : wait == 1 ? 0 : collection.commitMinDelay() + wait;
        vm.warp(block.timestamp + waited);
        Commit memory reveal = _commits[commitSeed % _commits.length];
        // The output of each prompt, and another one.
        uint256[2] memory output = _points[uint256(keccak256(reveal.prompt)) % 3];
        uint256[2] memory another = _points[3];
        bytes memory aigcData = StubProofs.compress(output[0], output[1]);
        bytes memory proof = StubProofs.proof(reveal.prompt, output[0], output[1]);
        address other = _actors[otherSeed % _actors.length];
        kind %= 12;
        if (kind == 5) {
            bytes memory otherPrompt = _prompt(uint256(keccak256(proof)));
            proof = StubProofs.proof(otherPrompt, output[0], output[1]);
        }
        if (kind == 6) proof = StubProofs.proof(reveal.prompt, another[0], another[1]);
        if (kind == 7) proof = abi.encodePacked(keccak256(proof));
        if (kind == 8) {
            // The commitment swapped, the rest of the proof kept.
            bytes memory swapped = StubProofs.proof(reveal.prompt, another[0], another[1]);
            for (uint256 i = 64; i < proof.length; ++i) {
                swapped[i] = proof[i];
            }
            aigcData = StubProofs.compress(another[0], another[1]);
            proof = swapped;
        }
        if (kind == 9) aigcData = abi.encodePacked(bytes31(bytes32(aigcData)));
        if (kind == 10) reveal.sender = other;
        if (kind == 11) reveal.to = other;

        vm.prank(reveal.sender);
        try collection.mint(
            reveal.to,
            reveal.prompt,
            aigcData,
            proof,
            reveal.salt,
            "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"
        ) returns (
            uint256 tokenId
        ) {
            proofOf[tokenId] = proof;
            ++mints;
        } catch {
            ++failedMints;
        }
    }

    function addAigcData(uint256 actorSeed, uint256 promptSeed, uint256 dataSeed) external {
        bytes memory prompt = _prompt(promptSeed);
        uint256[2] memory point = _points[dataSeed % _points.length];
        bytes memory aigcData = StubProofs.compress(point[0], point[1]);
        bytes memory proof = StubProofs.proof(prompt, point[0], point[1]);
        vm.prank(_actors[actorSeed % _actors.length]);
        try collection.addAigcData(uint256(keccak256(prompt)), prompt, aigcData, proof) {} catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 promptSeed) external {
        address from = _actors[fromSeed % _actors.length];
        vm.prank(from);
        try collection.transferFrom(
            from, _actors[toSeed % _actors.length], uint256(keccak256(_prompt(promptSeed)))
        ) {}
            catch {}
    }

    function _prompt(uint256 seed) private view returns (bytes memory) {
        return _prompts[seed % _prompts.length];
    }
}

/// @notice No token exists without aigcData that the verifier accepts for its prompt.
contract ProofmintCollectionWithStubVerifierInvariantTest is ProofmintFixture, InvariantTest {
    ProofmintHandler internal handler;

    function setUp() public {
        _deployCollection(new StubAigcVerifier());
        handler = new ProofmintHandler(collection);
        targetContract(address(handler));
    }

    /// forge-config: default.invariant.runs = 64
    /// forge-config: default.invariant.depth = 200
    /// forge-config: deep.invariant.runs = 50000
    /// forge-config: deep.invariant.depth = 25
    function invariant_everyTokenHasVerifiedAigcData() public view {
        uint256[] memory ids = handler.tokenIds();
        uint256 existing;
        for (uint256 i; i < ids.length; ++i) {
            if (!_exists(ids[i])) continue;
            ++existing;
            bytes memory prompt = bytes(collection.prompt(ids[i]));
            bytes memory aigcData = collection.aigcData(ids[i]);
            assertEq(uint256(keccak256(prompt)), ids[i], "tokenId is the prompt hash");
            assertEq(collection.tokenId(prompt), ids[i], "tokenId(prompt)");
            assertTrue(
                collection.verify(prompt, aigcData, handler.proofOf(ids[i])), "aigcData verified"
            );
        }
        assertEq(existing, handler.mints(), "one token per successful mint");
    }

    /// @dev The handler's honest path mints; without it the invariant would hold vacuously.
    function test_handler_honestRevealMints() public {
        handler.commit(0, 0, 1, "salt");
        handler.mint(0, 0, 0, 2);
        assertEq(handler.mints(), 1, "mints");
        assertEq(handler.failedMints(), 0, "failed mints");
        invariant_everyTokenHasVerifiedAigcData();
    }

    /// @dev Each dishonest kind fails and leaves no token.
    function test_handler_dishonestRevealsFail() public {
        handler.commit(0, 0, 1, "salt");
        for (uint8 kind = 5; kind < 12; ++kind) {
            handler.mint(0, 2, kind, 2);
        }
        assertEq(handler.mints(), 0, "mints");
        assertEq(handler.failedMints(), 7, "failed mints");
        invariant_everyTokenHasVerifiedAigcData();
    }

    function _exists(uint256 tokenId) internal view returns (bool) {
        try collection.ownerOf(tokenId) returns (address) {
            return true;
        } catch {
            return false;
        }
    }
}
