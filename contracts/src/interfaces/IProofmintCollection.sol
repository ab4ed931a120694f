// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/interfaces/IERC721Metadata.sol";
import {IAigcVerifier} from "./IAigcVerifier.sol";
import {IERC7007Enumerable} from "./IERC7007Enumerable.sol";
import {IERC7572} from "./IERC7572.sol";

/// @title A proofmint collection
/// @notice An ERC-7007 collection of one fixed model: a token exists only for a prompt whose
/// content the model's zero-knowledge proof verifies, and it carries that content's commitment
/// (aigcData) from the moment it is minted. aigcData is the KZG commitment to the model's output
/// that the proof carries as its first point, compressed to 32 bytes (see `OutputCommitment`).
///
/// Minting is commit-reveal, so a prompt seen in a pending transaction cannot be taken:
/// 1. `commit(keccak256(abi.encode(keccak256(prompt), to, salt)))`, computed off-chain with a
///    fresh random 32-byte `salt`. The commitment hides the prompt and is stored under the
///    sender's address.
/// 2. After {commitMinDelay} seconds and within {commitLifetime} seconds of the commit, the same
///    sender calls `mint(to, prompt, aigcData, proof, salt, tokenURI)`.
/// A copied reveal from another sender finds no commitment, and one with another `to` computes
/// another commitment; both revert. A relayer may commit and reveal for a creator: `to` is bound.
interface IProofmintCollection is
    IERC2981,
    IERC7572,
    IERC7007Enumerable,
    IERC721Metadata,
    IERC4906
{
    /// @notice A commitment was recorded.
    /// @param committer The sender who alone can reveal it.
    /// @param commitment The commitment (see {computeCommitment}).
    /// @param readyAt The first timestamp at which it can be revealed.
    /// @param expiresAt The last timestamp at which it can be revealed.
    event Committed(
        address indexed committer, bytes32 indexed commitment, uint256 readyAt, uint256 expiresAt
    );

    /// @notice The default royalty changed.
    /// @param receiver Who receives royalties.
    /// @param feeNumerator The royalty in basis points of the sale price.
    event DefaultRoyaltyUpdated(address indexed receiver, uint96 feeNumerator);

    /// @notice The model id given at deployment is empty.
    error ProofmintInvalidModelId();

    /// @notice The verifier address given at deployment has no code.
    /// @param verifier The address given.
    error ProofmintInvalidVerifier(address verifier);

    /// @notice The commit window given at deployment is unusable: the minimum delay must be at least
    /// one second (commit and reveal never share a block) and below the lifetime.
    /// @param minDelay The minimum delay given, in seconds.
    /// @param lifetime The lifetime given, in seconds.
    error ProofmintInvalidCommitWindow(uint256 minDelay, uint256 lifetime);

    /// @notice The sender already has this commitment and it has not expired.
    /// @param commitment The commitment.
    /// @param expiresAt When it expires and can be made again.
    error ProofmintCommitmentPending(bytes32 commitment, uint256 expiresAt);

    /// @notice The sender has no commitment for this prompt, recipient and salt.
    /// @param committer The sender.
    /// @param commitment The commitment the reveal computes.
    error ProofmintCommitmentNotFound(address committer, bytes32 commitment);

    /// @notice The commitment is too recent to reveal.
    /// @param commitment The commitment.
    /// @param readyAt The first timestamp at which it can be revealed.
    error ProofmintCommitmentNotReady(bytes32 commitment, uint256 readyAt);

    /// @notice The commitment is too old to reveal; commit again with a new salt.
    /// @param commitment The commitment.
    /// @param expiredAt The last timestamp at which it could have been revealed.
    error ProofmintCommitmentExpired(bytes32 commitment, uint256 expiredAt);

    /// @notice A token already exists for this prompt: one token per prompt.
    /// @param tokenId The prompt's token.
    error ProofmintPromptClaimed(uint256 tokenId);

    /// @notice aigcData is not a compressed output commitment: it must be exactly 32 bytes and not
    /// zero (the identity is never one).
    /// @param aigcData The data given.
    error ProofmintInvalidAigcData(bytes aigcData);

    /// @notice aigcData is not the output commitment the proof carries: the proof, valid or not,
    /// is about another output.
    /// @param aigcData The aigcData given.
    /// @param proofCommitment The proof's first point, compressed as aigcData is.
    error ProofmintAigcDataMismatch(bytes32 aigcData, bytes32 proofCommitment);

    /// @notice The verifier reverted instead of answering. `EzklVerifierAdapter` does so only when
    /// it runs out of gas, which is no verdict on the proof: raise the gas limit.
    error ProofmintVerifierReverted();

    /// @notice The verifier rejected the proof for this prompt, or the proof does not start with an
    /// output commitment (a point of G1 other than the identity).
    /// @param tokenId The prompt's token.
    error ProofmintInvalidProof(uint256 tokenId);

    /// @notice The token URI is not `ipfs://` and the CIDv1 of a raw SHA-256 block in lower-case
    /// base32 (`ipfs://bafkrei…`, 66 characters, canonical; see `IpfsURI`).
    /// @param tokenURI The URI given.
    error ProofmintInvalidTokenURI(string tokenURI);

    /// @notice Tokens receive their aigcData at mint and it never changes.
    /// @param tokenId The token.
    error ProofmintAigcDataImmutable(uint256 tokenId);

    /// @notice The royalty is above the collection's cap.
    /// @param feeNumerator The royalty given, in basis points.
    /// @param maxFeeNumerator The cap, in basis points.
    error ProofmintRoyaltyTooHigh(uint96 feeNumerator, uint96 maxFeeNumerator);

    /// @notice Records a commitment to mint, for the sender only (step 1 of minting).
    /// @dev Reverts with {ProofmintCommitmentPending} if the sender made the same commitment and it
    /// has not expired, so a retried transaction cannot push the reveal back.
    /// @param commitment `computeCommitment(prompt, to, salt)`, computed off-chain: sending the
    /// prompt to an RPC node would reveal it.
    function commit(bytes32 commitment) external;

    /// @notice Mints the token of `prompt` to `to` (step 2 of minting), if the proof is valid.
    /// @dev Checks, in order: the sender's commitment (found, ready, not expired), the recipient,
    /// the prompt rules (reverting with the `PromptCodec` error naming the position), that the
    /// prompt is unclaimed, the token URI, aigcData ({ProofmintInvalidAigcData}), that the proof
    /// starts with an output commitment ({ProofmintInvalidProof}) equal to aigcData
    /// ({ProofmintAigcDataMismatch}), and last the proof. Only then does it change state; the
    /// receiver hook (`onERC721Received`) runs last. Emits {Transfer} and {AigcData}; no
    /// {MetadataUpdate}, which ERC-4906 recommends against at mint.
    /// @param to The recipient, as committed.
    /// @param prompt The canonical prompt, as committed.
    /// @param aigcData The output commitment the proof carries, compressed: 32 bytes,
    /// `x | (y & 1) << 255` of the proof's first point.
    /// @param proof The proof that the model maps `prompt` to the output `aigcData` commits to.
    /// @param salt The salt, as committed.
    /// @param tokenURI_ `ipfs://bafkrei…`: the CIDv1 (raw, SHA-256) of the token's metadata JSON.
    /// @return tokenId The new token, `uint256(keccak256(prompt))`.
    function mint(
        address to,
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof,
        bytes32 salt,
        string calldata tokenURI_
    ) external returns (uint256 tokenId);

    /// @notice Sets the default royalty (ERC-2981) for every token. Owner only.
    /// @param receiver Who receives royalties; not the zero address.
    /// @param feeNumerator The royalty in basis points, at most {MAX_ROYALTY_BPS}.
    function setDefaultRoyalty(address receiver, uint96 feeNumerator) external;

    /// @notice Sets the contract-level metadata URI (ERC-7572), emitting {ContractURIUpdated}.
    /// Owner only.
    /// @param contractURI_ The new URI.
    function setContractURI(string calldata contractURI_) external;

    /// @notice The commitment a mint of `prompt` to `to` with `salt` reveals:
    /// `keccak256(abi.encode(keccak256(prompt), to, salt))`.
    /// @dev For tests and tooling; wallets and servers compute it locally (see {commit}).
    /// @param prompt The prompt bytes.
    /// @param to The recipient.
    /// @param salt A secret random value; without it, a guessable prompt could be read back.
    /// @return The commitment.
    function computeCommitment(bytes calldata prompt, address to, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice When `committer` made `commitment`.
    /// @param committer The sender of the commit.
    /// @param commitment The commitment.
    /// @return committedAt The block timestamp of the commit, or 0 if there is none (revealed
    /// commitments are deleted).
    function commitmentTime(address committer, bytes32 commitment)
        external
        view
        returns (uint256 committedAt);

    /// @notice The aigcData bound to a token at mint.
    /// @dev Reverts with `ERC721NonexistentToken` for a token that does not exist.
    /// @param tokenId The token.
    /// @return The output commitment, compressed: 32 bytes.
    function aigcData(uint256 tokenId) external view returns (bytes memory);

    /// @notice The model id, as `circuits/<model>/manifest.json` states it and every token's
    /// metadata repeats it: `<model>-v3-[dev-]<hex SHA-256>` (circuits/README.md#model-id: over
    /// the ONNX file, settings, verifying key, verification SRS and output basis); `dev-` marks an
    /// insecure development SRS.
    /// @return The model id.
    function modelId() external view returns (string memory);

    /// @notice The verifier of this collection's model, fixed at deployment.
    /// @return The verifier; its code embeds the verifying key, which commits to the weights.
    function verifier() external view returns (IAigcVerifier);

    /// @notice Seconds a commitment must wait before it can be revealed.
    /// @return The minimum delay.
    function commitMinDelay() external view returns (uint256);

    /// @notice Seconds after a commit during which it can be revealed.
    /// @return The lifetime.
    function commitLifetime() external view returns (uint256);

    /// @notice The highest royalty the owner can set, in basis points.
    /// @return The cap.
    function MAX_ROYALTY_BPS() external view returns (uint96);
}
