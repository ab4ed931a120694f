export { BN254_BASE_FIELD_MODULUS, BN254_SCALAR_FIELD_MODULUS } from "./constants/field.ts";
export {
  HASHED_OUTPUT_INSTANCE_INDEX,
  PROMPT_INSTANCE_COUNT,
  PUBLIC_INSTANCE_COUNT,
} from "./constants/instances.ts";
export { PROMPT_ALLOWED_CHARACTERS, PROMPT_MAX_BYTES } from "./constants/prompt.ts";
export { MAX_SCALE } from "./constants/scale.ts";

export { ProofmintError, type ProofmintErrorOptions } from "./errors/ProofmintError.ts";
export { CommitmentError, type CommitmentErrorCode } from "./errors/commitment.ts";
export { InvalidHexError, type InvalidHexErrorParameters } from "./errors/encoding.ts";
export { FieldElementRangeError, type FieldElementRangeErrorParameters } from "./errors/field.ts";
export {
  PromptDoubleSpaceError,
  PromptEmptyError,
  PromptError,
  PromptInvalidCharacterError,
  PromptLeadingSpaceError,
  PromptTooLongError,
  PromptTrailingSpaceError,
  type PromptErrorCode,
  type PromptInvalidCharacterErrorParameters,
  type PromptSubject,
} from "./errors/prompt.ts";
export {
  RenderDimensionError,
  RenderLengthError,
  RenderValueError,
  type RenderDimensionErrorParameters,
  type RenderLengthErrorParameters,
  type RenderValueErrorParameters,
} from "./errors/render.ts";
export { InvalidScaleError, type InvalidScaleErrorParameters } from "./errors/scale.ts";

export { compressCommitment } from "./commitment/compressCommitment.ts";
export { G1_POINT_BYTES, g1FromBytes, type G1Point } from "./commitment/g1.ts";
export { parseOutputBasis, type OutputBasis } from "./commitment/outputBasis.ts";
export {
  outputCommitment,
  type OutputCommitmentParameters,
} from "./commitment/outputCommitment.ts";
export { proofCommitment } from "./commitment/proofCommitment.ts";

export { aigcDataFromField, type AigcDataFromFieldParameters } from "./field/aigcDataFromField.ts";
export { aigcDataToField, type AigcDataToFieldParameters } from "./field/aigcDataToField.ts";
export { feltFromHex, type FeltFromHexParameters } from "./field/feltFromHex.ts";
export { feltToInteger, type FeltToIntegerParameters } from "./field/feltToInteger.ts";
export { feltToHex, type FeltToHexParameters } from "./field/feltToHex.ts";

export type { ApiSchema } from "./api/ApiSchema.ts";
export type { components as ApiComponents, paths as ApiPaths } from "./generated/api.ts";

export { decodeRevert, describeRevert, type ContractRevert } from "./chain/decodeRevert.ts";

export {
  GENERATION_EVENT_TYPES,
  GENERATION_STATUSES,
  type GenerationEventType,
  type GenerationStatus,
} from "./generation/generationEvents.ts";
export { GENERATION_STAGES, type GenerationStage } from "./generation/generationStages.ts";
export { nextStage, type NextStageParameters } from "./generation/nextStage.ts";

export { mintCommitment, type MintCommitmentParameters } from "./mint/mintCommitment.ts";

export { promptInstances, type PromptInstancesParameters } from "./instances/promptInstances.ts";
export { publicInstances, type PublicInstancesParameters } from "./instances/publicInstances.ts";

export { normalizePrompt, type NormalizePromptParameters } from "./prompt/normalizePrompt.ts";
export { promptBytes, type PromptBytesParameters } from "./prompt/promptBytes.ts";
export { promptFromBytes, type PromptFromBytesParameters } from "./prompt/promptFromBytes.ts";
export { promptTokenId, type PromptTokenIdParameters } from "./prompt/promptTokenId.ts";
export { validatePrompt, type ValidatePromptParameters } from "./prompt/validatePrompt.ts";

export { encodePng, type EncodePngParameters } from "./render/encodePng.ts";
export { renderImage, type RenderImageParameters } from "./render/renderImage.ts";
export { renderPng, type RenderPngParameters } from "./render/renderPng.ts";

export { modelIdDigest, type ModelIdDigestParameters } from "./model/modelIdDigest.ts";
export { parseModelId, type ModelIdParts, type ModelIdVersion } from "./model/parseModelId.ts";

export { MetadataError, type MetadataErrorParameters } from "./metadata/MetadataError.ts";
export {
  parseQuantizedOutput,
  serializeQuantizedOutput,
  type ParseQuantizedOutputParameters,
  type QuantizedOutput,
  type SerializeQuantizedOutputParameters,
} from "./metadata/quantizedOutput.ts";
export {
  parseTokenMetadata,
  type ParseTokenMetadataParameters,
} from "./metadata/parseTokenMetadata.ts";
export {
  SrsKindSchema,
  TokenAttributeSchema,
  TokenMetadataSchema,
  TokenProvenanceSchema,
  type IpfsUri,
  type SrsKind,
  type TokenAttribute,
  type TokenMetadata,
  type TokenProvenance,
} from "./metadata/schema.ts";
export {
  serializeTokenMetadata,
  type SerializeTokenMetadataParameters,
} from "./metadata/serializeTokenMetadata.ts";
export { tokenMetadata, type TokenMetadataParameters } from "./metadata/tokenMetadata.ts";

export {
  describePrompt,
  type DescribePromptParameters,
  type PromptDescription,
} from "./vocabulary/describePrompt.ts";
export { spotWords, type SpottedWord, type SpotWordsParameters } from "./vocabulary/spotWords.ts";
export type { ColourModifier, SpotterWord } from "./vocabulary/SpotterData.ts";
export { vocabularyWords, type VocabularyWord } from "./vocabulary/vocabularyWords.ts";
export type { VocabularyWordKind } from "./vocabulary/vocabularyWordKind.ts";

export {
  aigcVerifierAbi,
  erc7007Abi,
  erc7007EnumerableAbi,
  ezklVerifierAdapterAbi,
  proofmintCollectionAbi,
} from "./generated/abis.ts";
