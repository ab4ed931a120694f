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
import {StubProofs} from "./utils/StubProofs.sol";
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

    /// @dev ERC-4906 recommends no MetadataUpdate at mint: Transfer already announces the token.
    function test_mint_emitsTransferThenAigcData_andNoMetadataUpdate() public {
        vm.recordLogs();
        uint256 tokenId = _commitAndMint(CREATOR, PROMPT, CREATOR, SALT);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        // logs[0] is Committed.
        assertEq(logs.length, 3, "logs");
        assertEq(logs[1].topics[0], TRANSFER_TOPIC, "Transfer");
        assertEq(logs[1].topics[1], bytes32(0), "from zero");
        assertEq(logs[1].topics[2], bytes32(uint256(uint160(CREATOR))), "to");
        assertEq(logs[1].topics[3], bytes32(tokenId), "tokenId");
        assertEq(logs[2].topics[0], AIGC_DATA_TOPIC, "AigcData");
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != METADATA_UPDATE_TOPIC, "no MetadataUpdate");
        }
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

    /// @dev Prompts are stored in one or two words; each length reads back exactly.
    function test_mint_storesPromptsOfEveryLength() public {
        uint256[8] memory lengths = [uint256(1), 2, 31, 32, 33, 48, 63, 64];
        for (uint256 i; i < lengths.length; ++i) {
            bytes memory prompt = new bytes(lengths[i]);
            for (uint256 j; j < prompt.length; ++j) {
                prompt[j] = bytes1(uint8(0x61 + (j + i) % 26));
            }
            uint256 tokenId = _commitAndMint(CREATOR, prompt, CREATOR, SALT);
            assertEq(collection.prompt(tokenId), string(prompt), vm.toString(lengths[i]));
            assertEq(collection.tokenId(prompt), tokenId, "tokenId(prompt)");
        }
    }

    function test_mint_storesTheTokenURIsDigest() public {
        string[3] memory uris = [
            TOKEN_URI,
            "ipfs://bafkreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "ipfs://bafkreih777777777777777777777777777777777777777777777777774"
        ];
        bytes[3] memory prompts = [bytes("one"), "two", "three"];
        for (uint256 i; i < uris.length; ++i) {
            _commit(CREATOR, prompts[i], CREATOR, SALT);
            vm.warp(block.timestamp + MIN_DELAY);
            bytes memory aigcData = _aigcDataFor(prompts[i]);
            bytes memory proof = _stubProof(prompts[i], aigcData);
            vm.prank(CREATOR);
            uint256 tokenId = collection.mint(CREATOR, prompts[i], aigcData, proof, SALT, uris[i]);
            assertEq(collection.tokenURI(tokenId), uris[i], uris[i]);
        }
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

    function test_RevertWhen_AigcDataIsNotTheProofsCommitment() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory other = _aigcDataFor("other");
        bytes memory proof = _stubProof(PROMPT, other);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintAigcDataMismatch.selector,
                bytes32(aigcData),
                bytes32(other)
            )
        );
        vm.prank(CREATOR);
        collection.mint(CREATOR, PROMPT, aigcData, proof, SALT, TOKEN_URI);
    }

    /// @dev The proof's commitment is the point, aigcData only its compressed form: the negated
    /// point (the other y) and points that are no commitment at all do not match it.
    function test_RevertWhen_AigcDataIsAnotherEncodingOfAPoint() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        uint256 compressed = uint256(bytes32(aigcData));
        uint256 x = compressed & ~uint256(1 << 255);
        bytes32[4] memory wrong = [
            bytes32(compressed ^ (1 << 255)), // -C: the other y
            bytes32(x + BASE_FIELD_MODULUS), // x + q: no coordinate
            bytes32(uint256(4)), // x = 4: not on the curve
            bytes32(type(uint256).max)
        ];
        for (uint256 i; i < wrong.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintAigcDataMismatch.selector,
                    wrong[i],
                    bytes32(aigcData)
                )
            );
            vm.prank(CREATOR);
            collection.mint(CREATOR, PROMPT, abi.encodePacked(wrong[i]), proof, SALT, TOKEN_URI);
        }
    }

    function test_RevertWhen_AigcDataNot32NonZeroBytes() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        bytes[5] memory invalid = [
            bytes(""),
            hex"01",
            bytes.concat(aigcData, hex"00"),
            abi.encodePacked(bytes31(bytes32(aigcData))),
            abi.encodePacked(bytes32(0))
        ];
        for (uint256 i; i < invalid.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintInvalidAigcData.selector, invalid[i]
                )
            );
            vm.prank(CREATOR);
            collection.mint(CREATOR, PROMPT, invalid[i], proof, SALT, TOKEN_URI);
        }
    }

    /// @dev A proof under 64 bytes, or whose first point is the identity or off the curve, carries
    /// no output commitment, whatever aigcData says.
    function test_RevertWhen_ProofCarriesNoCommitment() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        bytes memory short = new bytes(63);
        for (uint256 i; i < short.length; ++i) {
            short[i] = proof[i];
        }
        bytes[4] memory proofs =
            [bytes(""), short, StubProofs.proof(PROMPT, 0, 0), StubProofs.proof(PROMPT, 4, 1)];
        for (uint256 i; i < proofs.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProofmintCollection.ProofmintInvalidProof.selector, uint256(keccak256(PROMPT))
                )
            );
            vm.prank(CREATOR);
            collection.mint(CREATOR, PROMPT, aigcData, proofs[i], SALT, TOKEN_URI);
        }
    }

    function test_RevertWhen_TokenURIInvalid() public {
        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        string[12] memory invalid = [
            "",
            "ipfs://",
            "ipfs:/bafy",
            "https://example.com/1.json",
            // upper case, another scheme, CIDv0, dag-pb and sha-512 CIDs, a path
            "IPFS://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            "ipfs://BAFKREIGH2AKISCAILDCQABSYG3DFR6CHU3FGPREGIYMSCK7E7AQA4S52ZY",
            "ipns://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            "ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
            "ipfs://bafybeigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            "ipfs://bafkrgqgh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy/",
            // the last character's two free bits set: another spelling of the same digest
            "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52z3"
        ];
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
        assertFalse(collection.verify(PROMPT, aigcData, bytes.concat(proof, hex"00")), "longer");
        assertFalse(
            collection.verify(
                PROMPT, abi.encodePacked(uint256(bytes32(aigcData)) ^ 1 << 255), proof
            ),
            "negated point"
        );
        assertFalse(
            collection.verify(PROMPT, abi.encodePacked(bytes32(0)), StubProofs.proof(PROMPT, 0, 0)),
            "identity"
        );
        assertFalse(
            collection.verify(PROMPT, abi.encodePacked(uint256(4)), StubProofs.proof(PROMPT, 4, 1)),
            "not on the curve"
        );
        bytes memory short = hex"0102";
        assertFalse(collection.verify(PROMPT, short, proof), "short aigcData");
        assertFalse(collection.verify(PROMPT, bytes.concat(aigcData, hex"00"), proof), "33 bytes");
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
            assertEq(listed.length, 64, "64 instances");
            (uint256 x, uint256 y) = StubProofs.pointFor(prompt);
            bytes memory point = abi.encodePacked(x, y);
            bytes memory proof =
                bytes.concat(point, keccak256(bytes.concat(point, abi.encode(listed))));
            assertTrue(collection.verify(prompt, StubProofs.compress(x, y), proof), string(prompt));
        }
        assertLe(100, count, "valid vectors read");
    }

    /// @dev The commitment packages/core computes for wallets and the relayer
    /// (test/vectors/mint-commitments.json) is the one the contract checks at mint.
    function test_vectors_computeCommitmentMatchesCore() public view {
        string memory vectors = vm.readFile("test/vectors/mint-commitments.json");
        uint256 count;
        for (; vm.keyExistsJson(vectors, _caseKey(count, "")); ++count) {
            bytes memory prompt = vm.parseJsonBytes(vectors, _caseKey(count, ".bytes"));
            assertEq(
                collection.computeCommitment(
                    prompt,
                    vm.parseJsonAddress(vectors, _caseKey(count, ".to")),
                    vm.parseJsonBytes32(vectors, _caseKey(count, ".salt"))
                ),
                vm.parseJsonBytes32(vectors, _caseKey(count, ".commitment")),
                string(prompt)
            );
            assertEq(
                uint256(keccak256(prompt)),
                vm.parseJsonUint(vectors, _caseKey(count, ".tokenId")),
                "tokenId"
            );
        }
        assertLe(4, count, "commitment vectors read");
    }

    function testFuzz_verify_trueOnlyForTheProvenPrompt(bytes calldata seed, uint256 data)
        public
        view
    {
        bytes memory prompt = _lettersFrom(seed);
        bytes memory aigcData = _aigcDataFor(abi.encode(data));
        bytes memory proof = _stubProof(prompt, aigcData);
        assertTrue(collection.verify(prompt, aigcData, proof), "proven prompt");

        bytes memory other = bytes.concat(prompt);
        other[data % other.length] = other[data % other.length] == "z" ? bytes1("a") : bytes1("z");
        assertFalse(collection.verify(other, aigcData, proof), "one byte changed");
        assertFalse(
            collection.verify(prompt, _aigcDataFor(abi.encode(data, 1)), proof), "other aigcData"
        );
        bytes memory flipped = bytes.concat(aigcData);
        flipped[data % 32] ^= bytes1(uint8(1) << uint8(data % 8));
        assertFalse(collection.verify(prompt, flipped, proof), "one aigcData bit flipped");
    }

    /// @dev Too little gas for the verifier is no verdict: verify and mint revert, so gas
    /// estimation finds the real cost and a mint never fails as `ProofmintInvalidProof` for it.
    function test_RevertWhen_GasTooLowForTheVerifier() public {
        StubHalo2Verifier halo2 = new StubHalo2Verifier();
        halo2.setAnswer(StubHalo2Verifier.Answer.BurnGas);
        _deployCollection(new EzklVerifierAdapter(IHalo2Verifier(address(halo2))));
        bytes memory aigcData = _aigcDataFor(PROMPT);
        bytes memory proof = _stubProof(PROMPT, aigcData);
        vm.expectRevert(IProofmintCollection.ProofmintVerifierReverted.selector);
        collection.verify{gas: 300_000}(PROMPT, aigcData, proof);

        _commit(CREATOR, PROMPT, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(IProofmintCollection.ProofmintVerifierReverted.selector);
        vm.prank(CREATOR);
        collection.mint{gas: 300_000}(CREATOR, PROMPT, aigcData, proof, SALT, TOKEN_URI);
    }

    function testFuzz_verify_neverReverts(
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof
    ) public view {
        (uint256 x,) = StubProofs.decompress(aigcData);
        bool expected = PromptCodecReference.isCanonical(prompt) && x != 0
            && keccak256(proof) == keccak256(_stubProof(prompt, aigcData));
        assertEq(collection.verify(prompt, aigcData, proof), expected, "verify");
    }

    /// @dev The stub proof of a fuzzed prompt and point, then one fuzzed byte of any argument
    /// changed: true exactly when nothing changed and the prompt is canonical.
    function testFuzz_verify_neverRevertsNearAValidProof(
        bytes calldata seed,
        uint256 point,
        uint256 position,
        uint8 mask
    ) public view {
        bytes memory prompt = bytes.concat(seed.length > 64 ? seed[:64] : seed);
        bytes memory aigcData = _aigcDataFor(abi.encode(point));
        bytes memory proof = _stubProof(prompt, aigcData);
        bytes memory changed = position % 3 == 0 ? prompt : position % 3 == 1 ? aigcData : proof;
        if (changed.length > 0) changed[position % changed.length] ^= bytes1(mask);
        bool expected = mask == 0 && PromptCodecReference.isCanonical(prompt);
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

    function _caseKey(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".cases[", vm.toString(index), "]", field);
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
