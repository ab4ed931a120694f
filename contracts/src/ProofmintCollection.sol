// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {IAigcVerifier} from "./interfaces/IAigcVerifier.sol";
import {IERC7007} from "./interfaces/IERC7007.sol";
import {IERC7007Enumerable} from "./interfaces/IERC7007Enumerable.sol";
import {IERC7572} from "./interfaces/IERC7572.sol";
import {IProofmintCollection} from "./interfaces/IProofmintCollection.sol";
import {IpfsURI} from "./libraries/IpfsURI.sol";
import {OutputCommitment} from "./libraries/OutputCommitment.sol";
import {PackedPrompt} from "./libraries/PackedPrompt.sol";
import {PromptCodec} from "./libraries/PromptCodec.sol";

/// @title ProofmintCollection
/// @notice ERC-7007 collection of one zero-knowledge-proven model. See {IProofmintCollection}.
contract ProofmintCollection is ERC721, ERC2981, Ownable2Step, IProofmintCollection {
    /// @inheritdoc IProofmintCollection
    uint96 public constant MAX_ROYALTY_BPS = 1000;

    /// @dev ERC-4906 fixes its id by text, not by selectors (it has only events).
    bytes4 private constant _ERC4906_INTERFACE_ID = 0x49064906;

    IAigcVerifier private immutable _verifier;
    uint256 private immutable _commitMinDelay;
    uint256 private immutable _commitLifetime;

    string private _modelId;
    string private _contractURI;

    mapping(address committer => mapping(bytes32 commitment => uint256 committedAt)) private
        _commitments;

    /// @dev One slot for a prompt of up to 32 bytes, two above (see {PackedPrompt}).
    mapping(uint256 tokenId => PackedPrompt.Words prompt) private _prompts;
    mapping(uint256 tokenId => bytes32 aigcData) private _aigcData;

    /// @dev The SHA-256 of the metadata block: all that varies in an accepted token URI
    /// (see {IpfsURI}).
    mapping(uint256 tokenId => bytes32 digest) private _metadataDigests;

    /// @param name_ The ERC-721 name.
    /// @param symbol_ The ERC-721 symbol.
    /// @param modelId_ The model id (see {modelId}).
    /// @param verifier_ The model's verifier, usually an `EzklVerifierAdapter`.
    /// @param commitMinDelay_ Seconds between commit and the earliest reveal, at least 1.
    /// @param commitLifetime_ Seconds after a commit during which it can be revealed.
    /// @param initialOwner Who can set the royalty and the contract URI.
    constructor(
        string memory name_,
        string memory symbol_,
        string memory modelId_,
        IAigcVerifier verifier_,
        uint256 commitMinDelay_,
        uint256 commitLifetime_,
        address initialOwner
    ) ERC721(name_, symbol_) Ownable(initialOwner) {
        if (bytes(modelId_).length == 0) revert ProofmintInvalidModelId();
        if (address(verifier_).code.length == 0) {
            revert ProofmintInvalidVerifier(address(verifier_));
        }
        if (commitMinDelay_ == 0 || commitMinDelay_ >= commitLifetime_) {
            revert ProofmintInvalidCommitWindow(commitMinDelay_, commitLifetime_);
        }
        _modelId = modelId_;
        _verifier = verifier_;
        _commitMinDelay = commitMinDelay_;
        _commitLifetime = commitLifetime_;
    }

    /// @inheritdoc IProofmintCollection
    function commit(bytes32 commitment) external {
        uint256 committedAt = _commitments[msg.sender][commitment];
        // The commit window is minutes to a day long; a validator's few seconds of skew do not
        // matter to it. Same below.
        // forge-lint: disable-next-line(block-timestamp)
        if (committedAt != 0 && block.timestamp <= committedAt + _commitLifetime) {
            revert ProofmintCommitmentPending(commitment, committedAt + _commitLifetime);
        }
        _commitments[msg.sender][commitment] = block.timestamp;
        emit Committed(
            msg.sender,
            commitment,
            block.timestamp + _commitMinDelay,
            block.timestamp + _commitLifetime
        );
    }

    /// @inheritdoc IProofmintCollection
    function mint(
        address to,
        bytes calldata prompt_,
        bytes calldata aigcData_,
        bytes calldata proof,
        bytes32 salt,
        string calldata tokenURI_
    ) external returns (uint256 tokenId_) {
        tokenId_ = uint256(keccak256(prompt_));
        // Scoped, so the stack keeps room for the six arguments.
        {
            bytes32 commitment = _commitment(tokenId_, to, salt);
            _requireRevealable(commitment);
            bytes32 metadataDigest = _requireMintable(to, tokenId_, prompt_, tokenURI_);
            bytes32 outputCommitment = _requireValidProof(tokenId_, prompt_, aigcData_, proof);

            delete _commitments[msg.sender][commitment];
            _storeTokenData(tokenId_, prompt_, outputCommitment, metadataDigest);
        }
        _mint(to, tokenId_);
        emit AigcData(tokenId_, prompt_, aigcData_, proof);

        ERC721Utils.checkOnERC721Received(msg.sender, address(0), to, tokenId_, "");
    }

    /// @inheritdoc IERC7007
    /// @dev Every token receives its aigcData at mint and keeps it, so this never changes state:
    /// it reverts with `ERC721NonexistentToken` for a token that does not exist and with
    /// {ProofmintAigcDataImmutable} for one that does, whoever calls it.
    function addAigcData(uint256 tokenId_, bytes calldata, bytes calldata, bytes calldata)
        external
        view
    {
        _requireOwned(tokenId_);
        revert ProofmintAigcDataImmutable(tokenId_);
    }

    /// @inheritdoc IProofmintCollection
    function setDefaultRoyalty(address receiver, uint96 feeNumerator) external onlyOwner {
        if (feeNumerator > MAX_ROYALTY_BPS) {
            revert ProofmintRoyaltyTooHigh(feeNumerator, MAX_ROYALTY_BPS);
        }
        _setDefaultRoyalty(receiver, feeNumerator);
        emit DefaultRoyaltyUpdated(receiver, feeNumerator);
    }

    /// @inheritdoc IProofmintCollection
    function setContractURI(string calldata contractURI_) external onlyOwner {
        _contractURI = contractURI_;
        emit ContractURIUpdated();
    }

    /// @inheritdoc IERC7007
    /// @dev True only if `prompt_` is canonical, `aigcData_` is the 32-byte compressed output
    /// commitment the proof carries as its first point (see {OutputCommitment}) and the verifier
    /// accepts the proof for the prompt's 64 public instances. False, never a revert, for anything
    /// else. It reverts ({ProofmintVerifierReverted}) only when given too little gas for the
    /// verifier to decide, so gas estimation finds the real cost.
    function verify(bytes calldata prompt_, bytes calldata aigcData_, bytes calldata proof)
        external
        view
        returns (bool success)
    {
        if (!PromptCodec.isCanonical(prompt_) || aigcData_.length != 32) return false;
        (bool found, bytes32 outputCommitment) = OutputCommitment.fromProof(proof);
        // forge-lint: disable-next-line(unsafe-typecast)
        if (!found || bytes32(aigcData_) != outputCommitment) return false;
        return _verifyProof(proof, PromptCodec.publicInstances(prompt_));
    }

    /// @inheritdoc IERC7007Enumerable
    /// @dev Reverts with `ERC721NonexistentToken` if no token was minted for `prompt`.
    function tokenId(bytes calldata prompt_) external view returns (uint256 tokenId_) {
        tokenId_ = uint256(keccak256(prompt_));
        _requireOwned(tokenId_);
    }

    /// @inheritdoc IERC7007Enumerable
    /// @dev Reverts with `ERC721NonexistentToken` for a token that does not exist.
    function prompt(uint256 tokenId_) external view returns (string memory) {
        _requireOwned(tokenId_);
        PackedPrompt.Words storage words = _prompts[tokenId_];
        return string(PackedPrompt.unpack(words.head, words.tail));
    }

    /// @inheritdoc IProofmintCollection
    function aigcData(uint256 tokenId_) external view returns (bytes memory) {
        _requireOwned(tokenId_);
        return abi.encodePacked(_aigcData[tokenId_]);
    }

    /// @inheritdoc IERC721Metadata
    /// @dev `ipfs://bafkrei…` of the token's metadata JSON, as given at mint (rebuilt from the
    /// stored digest; see {IpfsURI}).
    function tokenURI(uint256 tokenId_)
        public
        view
        override(ERC721, IERC721Metadata)
        returns (string memory)
    {
        _requireOwned(tokenId_);
        return IpfsURI.fromDigest(_metadataDigests[tokenId_]);
    }

    /// @inheritdoc IERC7572
    function contractURI() external view returns (string memory) {
        return _contractURI;
    }

    /// @inheritdoc IProofmintCollection
    function computeCommitment(bytes calldata prompt_, address to, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return _commitment(uint256(keccak256(prompt_)), to, salt);
    }

    /// @inheritdoc IProofmintCollection
    function commitmentTime(address committer, bytes32 commitment)
        external
        view
        returns (uint256 committedAt)
    {
        return _commitments[committer][commitment];
    }

    /// @inheritdoc IProofmintCollection
    function modelId() external view returns (string memory) {
        return _modelId;
    }

    /// @inheritdoc IProofmintCollection
    function verifier() external view returns (IAigcVerifier) {
        return _verifier;
    }

    /// @inheritdoc IProofmintCollection
    function commitMinDelay() external view returns (uint256) {
        return _commitMinDelay;
    }

    /// @inheritdoc IProofmintCollection
    function commitLifetime() external view returns (uint256) {
        return _commitLifetime;
    }

    /// @inheritdoc IERC165
    /// @dev True for ERC-165, ERC-721, ERC-721 metadata, ERC-2981, ERC-4906, IERC7007
    /// (0x702c55a6) and IERC7007Enumerable (0xfa1a557a).
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, ERC2981, IERC165)
        returns (bool)
    {
        return interfaceId == type(IERC7007).interfaceId
            || interfaceId == type(IERC7007Enumerable).interfaceId
            || interfaceId == _ERC4906_INTERFACE_ID || super.supportsInterface(interfaceId);
    }

    /// @dev Reverts unless the sender's `commitment` exists, is at least `_commitMinDelay` old and
    /// at most `_commitLifetime` old.
    function _requireRevealable(bytes32 commitment) private view {
        uint256 committedAt = _commitments[msg.sender][commitment];
        if (committedAt == 0) revert ProofmintCommitmentNotFound(msg.sender, commitment);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < committedAt + _commitMinDelay) {
            revert ProofmintCommitmentNotReady(commitment, committedAt + _commitMinDelay);
        }
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > committedAt + _commitLifetime) {
            revert ProofmintCommitmentExpired(commitment, committedAt + _commitLifetime);
        }
    }

    /// @dev Reverts unless `to` can receive, `prompt_` is canonical and unclaimed, and `tokenURI_`
    /// is of the one accepted form; returns the metadata digest it names.
    function _requireMintable(
        address to,
        uint256 tokenId_,
        bytes calldata prompt_,
        string calldata tokenURI_
    ) private view returns (bytes32 metadataDigest) {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        PromptCodec.validate(prompt_);
        if (_ownerOf(tokenId_) != address(0)) revert ProofmintPromptClaimed(tokenId_);
        bool valid;
        (valid, metadataDigest) = IpfsURI.digestOf(tokenURI_);
        if (!valid) revert ProofmintInvalidTokenURI(tokenURI_);
    }

    /// @dev Reverts unless aigcData is the proof's output commitment and the verifier accepts the
    /// proof; returns that commitment.
    function _requireValidProof(
        uint256 tokenId_,
        bytes calldata prompt_,
        bytes calldata aigcData_,
        bytes calldata proof
    ) private view returns (bytes32 outputCommitment) {
        // forge-lint: disable-next-line(unsafe-typecast)
        if (aigcData_.length != 32 || bytes32(aigcData_) == 0) {
            revert ProofmintInvalidAigcData(aigcData_);
        }
        bool found;
        (found, outputCommitment) = OutputCommitment.fromProof(proof);
        if (!found) revert ProofmintInvalidProof(tokenId_);
        // forge-lint: disable-next-line(unsafe-typecast)
        if (bytes32(aigcData_) != outputCommitment) {
            // forge-lint: disable-next-line(unsafe-typecast)
            revert ProofmintAigcDataMismatch(bytes32(aigcData_), outputCommitment);
        }
        if (!_verifyProof(proof, PromptCodec.publicInstances(prompt_))) {
            revert ProofmintInvalidProof(tokenId_);
        }
    }

    /// @dev Stores a new token's prompt (one or two words), aigcData and metadata digest.
    function _storeTokenData(
        uint256 tokenId_,
        bytes calldata prompt_,
        bytes32 outputCommitment,
        bytes32 metadataDigest
    ) private {
        (bytes32 head, bytes32 tail) = PackedPrompt.pack(prompt_);
        _prompts[tokenId_].head = head;
        // A zero word is the default: writing it would cost a cold SSTORE for nothing.
        if (tail != 0) _prompts[tokenId_].tail = tail;
        _aigcData[tokenId_] = outputCommitment;
        _metadataDigests[tokenId_] = metadataDigest;
    }

    /// @dev Asks the verifier, which answers or, out of gas only, reverts; the revert is re-raised
    /// as {ProofmintVerifierReverted} so that it decodes with this contract's ABI.
    function _verifyProof(bytes calldata proof, uint256[] memory instances)
        private
        view
        returns (bool)
    {
        try _verifier.verifyProof(proof, instances) returns (bool valid) {
            return valid;
        } catch {
            revert ProofmintVerifierReverted();
        }
    }

    /// @dev See {computeCommitment}; the prompt enters as its hash, the token id.
    function _commitment(uint256 tokenId_, address to, bytes32 salt)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(tokenId_, to, salt));
    }
}
