// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ProofmintCollection} from "../src/ProofmintCollection.sol";
import {IAigcVerifier} from "../src/interfaces/IAigcVerifier.sol";
import {IERC7007} from "../src/interfaces/IERC7007.sol";
import {IERC7007Enumerable} from "../src/interfaces/IERC7007Enumerable.sol";
import {IERC7572} from "../src/interfaces/IERC7572.sol";
import {IProofmintCollection} from "../src/interfaces/IProofmintCollection.sol";
import {PromptCodec} from "../src/libraries/PromptCodec.sol";
import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {StubAigcVerifier} from "./stubs/StubAigcVerifier.sol";
import {StubHalo2Verifier} from "./stubs/StubHalo2Verifier.sol";
import {StubERC721Receiver, StubNonReceiver} from "./stubs/StubERC721Receiver.sol";
import {JsonText} from "./utils/JsonText.sol";
import {ProofmintFixture} from "./utils/ProofmintFixture.sol";
import {PromptCodecReference} from "./utils/PromptCodecReference.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice Unit tests of the collection behind `StubAigcVerifier` (real proofs:
/// ProofmintCollection.proofs.t.sol).
contract ProofmintCollectionWithStubVerifierTest is ProofmintFixture {
    bytes internal constant PROMPT = "a red fox at dawn";
    bytes32 internal constant SALT = keccak256("salt");

    /// @dev The event as the final text of ERC-7007 declares it.
    bytes32 internal constant AIGC_DATA_TOPIC = keccak256("AigcData(uint256,bytes,bytes,bytes)");
    bytes32 internal constant TRANSFER_TOPIC = keccak256("Transfer(address,address,uint256)");
    bytes32 internal constant METADATA_UPDATE_TOPIC = keccak256("MetadataUpdate(uint256)");

    function setUp() public {
        _deployCollection(new StubAigcVerifier());
    }

    // ---------------------------------------------------------------- ERC-165

    function test_interfaceIds_matchTheFinalText() public pure {
        assertEq(type(IERC7007).interfaceId, bytes4(0x702c55a6), "IERC7007");
        assertEq(
            IERC7007.addAigcData.selector ^ IERC7007.verify.selector, bytes4(0x702c55a6), "xor"
        );
        assertEq(type(IERC7007Enumerable).interfaceId, bytes4(0xfa1a557a), "IERC7007Enumerable");
    }

    function test_supportsInterface_everyClaimedId() public view {
        bytes4[7] memory ids = [
            bytes4(0x01ffc9a7), // ERC-165
            0x80ac58cd, // ERC-721
            0x5b5e139f, // ERC-721 metadata
            0x2a55205a, // ERC-2981
            0x49064906, // ERC-4906
            0x702c55a6, // IERC7007
            0xfa1a557a // IERC7007Enumerable
        ];
        for (uint256 i; i < ids.length; ++i) {
            assertTrue(collection.supportsInterface(ids[i]), vm.toString(uint256(i)));
        }
        assertEq(type(IERC721).interfaceId, ids[1], "ERC-721 id");
        assertEq(type(IERC721Metadata).interfaceId, ids[2], "metadata id");
        assertEq(type(IERC2981).interfaceId, ids[3], "ERC-2981 id");
    }

    function test_supportsInterface_falseForOthers() public view {
        assertFalse(collection.supportsInterface(0xffffffff), "0xffffffff");
        assertFalse(collection.supportsInterface(0x7e52e423), "draft IERC7007 with mint");
        assertFalse(collection.supportsInterface(0x3f37dce2), "IERC7007Updatable");
        assertFalse(collection.supportsInterface(0x780e9d63), "ERC-721 enumerable");
    }

    // ---------------------------------------------------------------- deployment

    function test_constructor_exposesConfiguration() public view {
        assertEq(collection.modelId(), MODEL_ID, "modelId");
        assertEq(collection.commitMinDelay(), MIN_DELAY, "commitMinDelay");
        assertEq(collection.commitLifetime(), LIFETIME, "commitLifetime");
        assertEq(collection.owner(), OWNER, "owner");
        assertEq(collection.name(), "proofmint glyph", "name");
        assertEq(collection.symbol(), "GLYPH", "symbol");
        assertEq(collection.contractURI(), "", "contractURI");
    }

    function test_RevertWhen_ModelIdEmpty() public {
        IAigcVerifier verifier = collection.verifier();
        vm.expectRevert(IProofmintCollection.ProofmintInvalidModelId.selector);
        new ProofmintCollection("n", "s", "", verifier, MIN_DELAY, LIFETIME, OWNER);
    }

    function test_RevertWhen_VerifierHasNoCode() public {
        IAigcVerifier notAContract = IAigcVerifier(address(0x1234));
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintInvalidVerifier.selector, notAContract
            )
        );
        new ProofmintCollection("n", "s", MODEL_ID, notAContract, MIN_DELAY, LIFETIME, OWNER);
    }

    function test_RevertWhen_CommitWindowInvalid() public {
        IAigcVerifier verifier = collection.verifier();
        uint256[2][3] memory windows =
            [[uint256(0), LIFETIME], [LIFETIME, LIFETIME], [uint256(10), 5]];
        for (uint256 i; i < windows.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintInvalidCommitWindow.selector,
                    windows[i][0],
                    windows[i][1]
                )
            );
            new ProofmintCollection(
                "n", "s", MODEL_ID, verifier, windows[i][0], windows[i][1], OWNER
            );
        }
    }

    // ---------------------------------------------------------------- mint

    function test_mint_emitsAigcData() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);

        vm.recordLogs();
        vm.prank(CREATOR);
        uint256 tokenId = collection.mint(CREATOR, PROMPT, aigcData, proof, SALT, TOKEN_URI);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != AIGC_DATA_TOPIC) continue;
            ++found;
            // Decoded with the final text's ABI: three indexed fields, the proof in data.
            assertEq(logs[i].emitter, address(collection), "emitter");
            assertEq(logs[i].topics.length, 4, "topics");
            assertEq(logs[i].topics[1], bytes32(tokenId), "tokenId topic");
            assertEq(logs[i].topics[2], keccak256(PROMPT), "prompt topic");
            assertEq(logs[i].topics[3], keccak256(aigcData), "aigcData topic");
            assertEq(abi.decode(logs[i].data, (bytes)), proof, "proof in data");
        }
        assertEq(found, 1, "AigcData logs");
    }

    function test_mint_emitsTransferThenAigcDataThenMetadataUpdate() public {
        vm.recordLogs();
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        // logs[0] is Committed.
        assertEq(logs.length, 4, "logs");
        assertEq(logs[1].topics[0], TRANSFER_TOPIC, "Transfer");
        assertEq(logs[1].topics[1], bytes32(0), "from zero");
        assertEq(logs[1].topics[2], bytes32(uint256(uint160(CREATOR))), "to");
        assertEq(logs[2].topics[0], AIGC_DATA_TOPIC, "AigcData");
        assertEq(logs[3].topics[0], METADATA_UPDATE_TOPIC, "MetadataUpdate");
        assertEq(abi.decode(logs[3].data, (uint256)), tokenId, "MetadataUpdate tokenId");
    }

    function test_mint_recordsToken() public {
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);

        assertEq(tokenId, uint256(keccak256(PROMPT)), "tokenId is the prompt hash");
        assertEq(collection.ownerOf(tokenId), CREATOR, "owner");
        assertEq(collection.balanceOf(CREATOR), 1, "balance");
        assertEq(collection.tokenId(PROMPT), tokenId, "tokenId(prompt)");
        assertEq(collection.prompt(tokenId), string(PROMPT), "prompt(tokenId)");
        assertEq(collection.aigcData(tokenId), _aigcDataFor(PROMPT), "aigcData");
        assertEq(collection.tokenURI(tokenId), TOKEN_URI, "tokenURI");
        assertEq(
            collection.commitmentTime(CREATOR, _commitment(PROMPT, CREATOR, SALT)),
            0,
            "commitment deleted"
        );
    }

    function test_mint_viaRelayer_mintsToTheCommittedCreator() public {
        uint256 tokenId = _commitAndMint(RELAYER, PROMPT, CREATOR, SALT);
        assertEq(collection.ownerOf(tokenId), CREATOR, "owner");
        assertEq(collection.balanceOf(RELAYER), 0, "relayer balance");
    }

    function test_mint_atExactlyTheMinimumDelay() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
        assertEq(collection.ownerOf(uint256(keccak256(PROMPT))), CREATOR, "owner");
    }

    function test_mint_atTheLastSecondOfTheLifetime() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + LIFETIME);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
        assertEq(collection.ownerOf(uint256(keccak256(PROMPT))), CREATOR, "owner");
    }

    function test_mint_toAReceiverContract_runsTheHookAfterEveryEffect() public {
        StubERC721Receiver receiver = new StubERC721Receiver();
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, address(receiver), SALT);
        assertEq(receiver.receivedTokenId(), tokenId, "hook called");
        assertEq(receiver.ownerDuringHook(), address(receiver), "owned during hook");
        assertEq(receiver.aigcDataDuringHook(), _aigcDataFor(PROMPT), "aigcData during hook");
    }

    function test_RevertWhen_RecipientCannotReceive() public {
        address nonReceiver = address(new StubNonReceiver());
        _commit(CREATOR, PROMPT, nonReceiver, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, nonReceiver)
        );
        _mint(CREATOR, PROMPT, nonReceiver, SALT);
    }

    function test_RevertWhen_RecipientIsZero() public {
        _commit(CREATOR, PROMPT, address(0), SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0))
        );
        _mint(CREATOR, PROMPT, address(0), SALT);
    }

    function test_RevertWhen_ProofInvalid() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory otherProof = _stubProof("another prompt", aigcData);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintInvalidProof.selector, uint256(keccak256(PROMPT))
            )
        );
        vm.prank(CREATOR);
        collection.mint(CREATOR, PROMPT, aigcData, otherProof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_ProofIsForOtherAigcData() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, _aigcDataFor("other"));
        vm.expectPartialRevert(IProofmintCollection.ProofmintInvalidProof.selector);
        vm.prank(CREATOR);
        collection.mint(CREATOR, PROMPT, aigcData, proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_AigcDataNotAFieldElement() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes[5] memory invalid = [
            bytes(""),
            hex"01",
            abi.encodePacked(bytes32(0), bytes1(0)),
            abi.encodePacked(FIELD_MODULUS),
            abi.encodePacked(type(uint256).max)
        ];
        for (uint256 i; i < invalid.length; ++i) {
            bytes memory proof = _stubProof(PROMPT, invalid[i]);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintInvalidAigcData.selector, invalid[i]
                )
            );
            vm.prank(CREATOR);
            collection.mint(CREATOR, PROMPT, invalid[i], proof, SALT, TOKEN_URI);
        }
    }

    function test_RevertWhen_TokenURIInvalid() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        string[5] memory invalid =
            ["", "ipfs://", "ipfs:/bafy", "https://example.com/1.json", "IPFS://bafy"];
        for (uint256 i; i < invalid.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintInvalidTokenURI.selector, invalid[i]
                )
            );
            vm.prank(CREATOR);
            collection.mint(CREATOR, PROMPT, aigcData, proof, SALT, invalid[i]);
        }
    }

    function test_RevertWhen_PromptNotCanonical() public {
        bytes[6] memory prompts = [bytes(""), "a  b", " a", "a ", "A", new bytes(65)];
        bytes[6] memory errors = [
            abi.encodeWithSelector(PromptCodec.PromptCodecEmpty.selector),
            abi.encodeWithSelector(PromptCodec.PromptCodecDoubleSpace.selector, 2),
            abi.encodeWithSelector(PromptCodec.PromptCodecLeadingSpace.selector),
            abi.encodeWithSelector(PromptCodec.PromptCodecTrailingSpace.selector, 1),
            abi.encodeWithSelector(
                PromptCodec.PromptCodecInvalidCharacter.selector, 0, bytes1("A")
            ),
            abi.encodeWithSelector(PromptCodec.PromptCodecInvalidCharacter.selector, 0, bytes1(0))
        ];
        for (uint256 i; i < prompts.length; ++i) {
            _commit(CREATOR, prompts[i], CREATOR, SALT);
            vm.warp(block.timestamp + MIN_DELAY);
            vm.expectRevert(errors[i]);
            _mint(CREATOR, prompts[i], CREATOR, SALT);
        }
    }

    function test_RevertWhen_PromptAlreadyMinted() public {
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        bytes32 otherSalt = keccak256("other salt");
        _commit(STRANGER, PROMPT, STRANGER, otherSalt);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IProofmintCollection.ProofmintPromptClaimed.selector, tokenId)
        );
        _mint(STRANGER, PROMPT, STRANGER, otherSalt);
    }

    // ---------------------------------------------------------------- commit-reveal

    function test_commit_recordsAndEmits() public {
        bytes32 commitment = _commitment(PROMPT, CREATOR, SALT);
        vm.expectEmit(address(collection));
        emit IProofmintCollection.Committed(
            CREATOR, commitment, block.timestamp + MIN_DELAY, block.timestamp + LIFETIME
        );
        vm.prank(CREATOR);
        collection.commit(commitment);
        assertEq(collection.commitmentTime(CREATOR, commitment), block.timestamp, "committedAt");
        assertEq(collection.commitmentTime(STRANGER, commitment), 0, "per sender");
    }

    function test_computeCommitment_matchesTheDocumentedRule() public view {
        assertEq(
            collection.computeCommitment(PROMPT, CREATOR, SALT),
            keccak256(abi.encode(uint256(keccak256(PROMPT)), CREATOR, SALT)),
            "commitment"
        );
    }

    function test_RevertWhen_CommitmentPending() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        uint256 expiresAt = block.timestamp + LIFETIME;
        vm.warp(expiresAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentPending.selector,
                _commitment(PROMPT, CREATOR, SALT),
                expiresAt
            )
        );
        _commit(CREATOR, PROMPT, CREATOR, SALT);
    }

    function test_commit_againAfterExpiry() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + LIFETIME + 1);
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
        assertEq(collection.ownerOf(uint256(keccak256(PROMPT))), CREATOR, "owner");
    }

    function test_commit_sameCommitmentByAnotherSender_doesNotTouchTheFirst() public {
        bytes32 commitment = _commitment(PROMPT, CREATOR, SALT);
        vm.prank(CREATOR);
        collection.commit(commitment);
        uint256 committedAt = block.timestamp;
        vm.warp(block.timestamp + 5);
        // A copied commitment is recorded for the copier alone.
        vm.prank(STRANGER);
        collection.commit(commitment);
        assertEq(collection.commitmentTime(CREATOR, commitment), committedAt, "creator's");
        vm.warp(committedAt + MIN_DELAY);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
        assertEq(collection.ownerOf(uint256(keccak256(PROMPT))), CREATOR, "owner");
    }

    function test_RevertWhen_RevealedWithoutCommitment() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentNotFound.selector,
                CREATOR,
                _commitment(PROMPT, CREATOR, SALT)
            )
        );
        _mint(CREATOR, PROMPT, CREATOR, SALT);
    }

    function test_RevertWhen_RevealedTooEarly() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        uint256 readyAt = block.timestamp + MIN_DELAY;
        vm.warp(readyAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentNotReady.selector,
                _commitment(PROMPT, CREATOR, SALT),
                readyAt
            )
        );
        _mint(CREATOR, PROMPT, CREATOR, SALT);
    }

    function test_RevertWhen_RevealedInTheCommitBlock() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.expectPartialRevert(IProofmintCollection.ProofmintCommitmentNotReady.selector);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
    }

    function test_RevertWhen_CommitmentExpired() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        uint256 expiredAt = block.timestamp + LIFETIME;
        vm.warp(expiredAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentExpired.selector,
                _commitment(PROMPT, CREATOR, SALT),
                expiredAt
            )
        );
        _mint(CREATOR, PROMPT, CREATOR, SALT);
    }

    function test_RevertWhen_RevealCopiedByAnotherSender() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        // The same calldata from another sender: nothing is committed under its address.
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentNotFound.selector,
                STRANGER,
                _commitment(PROMPT, CREATOR, SALT)
            )
        );
        _mint(STRANGER, PROMPT, CREATOR, SALT);
    }

    function test_RevertWhen_RevealReplayedWithAnotherRecipient() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintCommitmentNotFound.selector,
                CREATOR,
                _commitment(PROMPT, STRANGER, SALT)
            )
        );
        _mint(CREATOR, PROMPT, STRANGER, SALT);
    }

    function test_RevertWhen_RevealedByStrangerWithOwnCommitmentTooLate() public {
        // The front-runner sees the reveal, commits the same prompt for itself, and must wait:
        // by then the creator's reveal has landed and the prompt is claimed.
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _commit(STRANGER, PROMPT, STRANGER, SALT);
        vm.expectPartialRevert(IProofmintCollection.ProofmintCommitmentNotReady.selector);
        _mint(STRANGER, PROMPT, STRANGER, SALT);
        uint256 tokenId = _mint(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IProofmintCollection.ProofmintPromptClaimed.selector, tokenId)
        );
        _mint(STRANGER, PROMPT, STRANGER, SALT);
    }

    function test_RevertWhen_RevealedWithAnotherSalt() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectPartialRevert(IProofmintCollection.ProofmintCommitmentNotFound.selector);
        _mint(CREATOR, PROMPT, CREATOR, bytes32(uint256(SALT) + 1));
    }

    function test_RevertWhen_RevealReplayedAfterMint() public {
        _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        vm.expectPartialRevert(IProofmintCollection.ProofmintCommitmentNotFound.selector);
        _mint(CREATOR, PROMPT, CREATOR, SALT);
    }

    // ---------------------------------------------------------------- verify

    function test_verify_trueForAValidProof() public view {
        bytes memory aigcData = _aigcDataFor(PROMPT);
        assertTrue(collection.verify(PROMPT, aigcData, _stubProof(PROMPT, aigcData)), "verify");
    }

    function test_verify_falseForBadInputs() public view {
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        assertFalse(collection.verify("a red fox at dusk", aigcData, proof), "other prompt");
        assertFalse(collection.verify(PROMPT, _aigcDataFor("x"), proof), "other aigcData");
        assertFalse(collection.verify(PROMPT, aigcData, ""), "empty proof");
        bytes memory outside =
            abi.encodePacked(uint256(keccak256(PROMPT)) % FIELD_MODULUS + FIELD_MODULUS);
        assertFalse(
            collection.verify(PROMPT, outside, _stubProof(PROMPT, outside)), "outside field"
        );
        bytes memory short = hex"0102";
        assertFalse(collection.verify(PROMPT, short, _stubProof(PROMPT, short)), "short aigcData");
        // Non-canonical prompts are false, even with the proof their instances would need.
        bytes memory upper = "A red fox";
        assertFalse(collection.verify(upper, aigcData, _stubProof(upper, aigcData)), "upper case");
        bytes memory long = new bytes(65);
        for (uint256 i; i < long.length; ++i) {
            long[i] = "a";
        }
        assertFalse(collection.verify(long, aigcData, _stubProof(long, aigcData)), "65 bytes");
    }

    /// @dev The stub accepts only the instances the vectors list, so this checks that the contract
    /// derives exactly those from each prompt.
    function test_vectors_verifyPassesTheVectorInstances() public view {
        string memory vectors =
            JsonText.withoutLoneSurrogates(vm.readFile("test/vectors/prompts.json"));
        uint256 count;
        for (; vm.keyExistsJson(vectors, _vectorKey(count, "")); ++count) {
            bytes memory prompt = vm.parseJsonBytes(vectors, _vectorKey(count, ".bytes"));
            uint256[] memory listed =
                vm.parseJsonUintArray(vectors, _vectorKey(count, ".instances"));
            bytes memory aigcData = _aigcDataFor(prompt);
            uint256[] memory instances = new uint256[](65);
            for (uint256 i; i < 64; ++i) {
                instances[i] = listed[i];
            }
            instances[64] = uint256(bytes32(aigcData));
            assertTrue(collection.verify(prompt, aigcData, abi.encode(instances)), string(prompt));
        }
        assertLe(100, count, "valid vectors read");
    }

    function testFuzz_verify_trueOnlyForTheProvenPrompt(bytes calldata seed, uint256 data)
        public
        view
    {
        bytes memory prompt = _lettersFrom(seed);
        bytes memory aigcData = abi.encodePacked(data % FIELD_MODULUS);
        bytes memory proof = _stubProof(prompt, aigcData);
        assertTrue(collection.verify(prompt, aigcData, proof), "proven prompt");

        bytes memory other = bytes.concat(prompt);
        other[data % other.length] = other[data % other.length] == "z" ? bytes1("a") : bytes1("z");
        assertFalse(collection.verify(other, aigcData, proof), "one byte changed");
        assertFalse(
            collection.verify(
                prompt, abi.encodePacked((data % FIELD_MODULUS + 1) % FIELD_MODULUS), proof
            ),
            "other aigcData"
        );
    }

    /// @dev Too little gas for the verifier is no verdict: verify and mint revert, so gas
    /// estimation finds the real cost and a mint never fails as `ProofmintInvalidProof` for it.
    function test_RevertWhen_GasTooLowForTheVerifier() public {
        StubHalo2Verifier halo2 = new StubHalo2Verifier();
        halo2.setAnswer(StubHalo2Verifier.Answer.BurnGas);
        _deployCollection(new EzklVerifierAdapter(IHalo2Verifier(address(halo2))));
        bytes memory aigcData = _aigcDataFor(PROMPT);
        vm.expectRevert(IProofmintCollection.ProofmintVerifierReverted.selector);
        collection.verify{gas: 300_000}(PROMPT, aigcData, hex"00");

        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(IProofmintCollection.ProofmintVerifierReverted.selector);
        vm.prank(CREATOR);
        collection.mint{gas: 300_000}(CREATOR, PROMPT, aigcData, hex"00", SALT, TOKEN_URI);
    }

    function testFuzz_verify_neverReverts(
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof
    ) public view {
        bool expected = PromptCodecReference.isCanonical(prompt) && aigcData.length == 32
            && uint256(bytes32(aigcData)) < FIELD_MODULUS
            && keccak256(proof) == keccak256(_stubProof(prompt, aigcData));
        assertEq(collection.verify(prompt, aigcData, proof), expected, "verify");
    }

    // ---------------------------------------------------------------- addAigcData

    function test_RevertWhen_StrangerAddsAigcData() public {
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        bytes memory aigcData = _aigcDataFor("poison");
        bytes memory proof = _stubProof(PROMPT, aigcData);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintAigcDataImmutable.selector, tokenId
            )
        );
        vm.prank(STRANGER);
        collection.addAigcData(tokenId, PROMPT, aigcData, proof);
    }

    function test_RevertWhen_OwnerAddsAigcData() public {
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintAigcDataImmutable.selector, tokenId
            )
        );
        vm.prank(CREATOR);
        collection.addAigcData(tokenId, PROMPT, aigcData, proof);
    }

    function test_RevertWhen_AigcDataAddedToNonexistentToken() public {
        uint256 tokenId = uint256(keccak256(PROMPT));
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId)
        );
        vm.prank(STRANGER);
        collection.addAigcData(tokenId, PROMPT, aigcData, proof);
    }

    // ---------------------------------------------------------------- views of missing tokens

    function test_RevertWhen_ReadingNonexistentToken() public {
        uint256 tokenId = uint256(keccak256(PROMPT));
        bytes memory missing =
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId);
        vm.expectRevert(missing);
        collection.tokenURI(tokenId);
        vm.expectRevert(missing);
        collection.prompt(tokenId);
        vm.expectRevert(missing);
        collection.aigcData(tokenId);
        vm.expectRevert(missing);
        collection.tokenId(PROMPT);
    }

    // ---------------------------------------------------------------- owner powers

    function test_setDefaultRoyalty_setsAndEmits() public {
        address receiver = address(0xFEE);
        vm.expectEmit(address(collection));
        emit IProofmintCollection.DefaultRoyaltyUpdated(receiver, 500);
        vm.prank(OWNER);
        collection.setDefaultRoyalty(receiver, 500);
        (address paidTo, uint256 amount) = collection.royaltyInfo(123, 1 ether);
        assertEq(paidTo, receiver, "receiver");
        assertEq(amount, 0.05 ether, "5%");
    }

    function test_setDefaultRoyalty_atTheCap() public {
        uint96 cap = collection.MAX_ROYALTY_BPS();
        assertEq(cap, 1000, "10% cap");
        vm.prank(OWNER);
        collection.setDefaultRoyalty(OWNER, cap);
        (, uint256 amount) = collection.royaltyInfo(1, 10_000);
        assertEq(amount, cap, "royalty at the cap");
    }

    function test_RevertWhen_RoyaltyAboveTheCap() public {
        uint96 cap = collection.MAX_ROYALTY_BPS();
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintRoyaltyTooHigh.selector, cap + 1, cap
            )
        );
        vm.prank(OWNER);
        collection.setDefaultRoyalty(OWNER, cap + 1);
    }

    function test_RevertWhen_StrangerSetsRoyalty() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER)
        );
        vm.prank(STRANGER);
        collection.setDefaultRoyalty(STRANGER, 100);
    }

    function test_setContractURI_setsAndEmits() public {
        vm.expectEmit(address(collection));
        emit IERC7572.ContractURIUpdated();
        vm.prank(OWNER);
        collection.setContractURI("ipfs://bafkreicollection");
        assertEq(collection.contractURI(), "ipfs://bafkreicollection", "contractURI");
    }

    function test_RevertWhen_StrangerSetsContractURI() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER)
        );
        vm.prank(STRANGER);
        collection.setContractURI("ipfs://x");
    }

    function test_transferOwnership_takesTwoSteps() public {
        vm.prank(OWNER);
        collection.transferOwnership(STRANGER);
        assertEq(collection.owner(), OWNER, "still owner");
        assertEq(collection.pendingOwner(), STRANGER, "pending");
        vm.prank(STRANGER);
        collection.acceptOwnership();
        assertEq(collection.owner(), STRANGER, "new owner");
    }

    function test_owner_cannotTouchTokens() public {
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC721Errors.ERC721InsufficientApproval.selector, OWNER, tokenId
            )
        );
        vm.prank(OWNER);
        collection.transferFrom(CREATOR, OWNER, tokenId);
    }

    // ---------------------------------------------------------------- helpers

    function _vectorKey(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".valid[", vm.toString(index), "]", field);
    }

    /// @dev A canonical prompt of 1 to 64 letters drawn from `seed`.
    function _lettersFrom(bytes calldata seed) internal pure returns (bytes memory prompt) {
        prompt = new bytes(seed.length == 0 ? 1 : seed.length > 64 ? 64 : seed.length);
        for (uint256 i; i < prompt.length; ++i) {
            prompt[i] = bytes1(uint8(0x61 + (i < seed.length ? uint8(seed[i]) : 0) % 26));
        }
    }

    function _mint(address sender, bytes memory prompt, address to, bytes32 salt)
        internal
        returns (uint256)
    {
        bytes memory aigcData = _aigcDataFor(prompt);
        vm.prank(sender);
        return collection.mint(to, prompt, aigcData, _stubProof(prompt, aigcData), salt, TOKEN_URI);
    }
}
