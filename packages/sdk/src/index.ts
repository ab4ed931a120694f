export {
  IERC7007_ENUMERABLE_INTERFACE_ID,
  IERC7007_INTERFACE_ID,
  PUBLIC_K1_SRS_SHA256,
} from "./constants.ts";

export { SdkError, type SdkErrorOptions } from "./errors/SdkError.ts";
export {
  CircuitArtifactsError,
  EngineError,
  InvalidParameterError,
  IpfsFetchError,
  ServerApiError,
} from "./errors/errors.ts";

export type { CircuitArtifacts, CircuitArtifactsSource } from "./artifacts/CircuitArtifacts.ts";
export {
  circuitArtifactsFromFiles,
  type CircuitArtifactsFromFilesParameters,
} from "./artifacts/circuitArtifactsFromFiles.ts";
export {
  fetchCircuitArtifacts,
  type FetchCircuitArtifactsParameters,
} from "./artifacts/fetchCircuitArtifacts.ts";

export type { AigcEngine } from "./engine/AigcEngine.ts";
export type { EnginePool } from "./engine/EnginePool.ts";
export { loadEngine } from "#engine";
export { loadEnginePool } from "#enginePool";
export type { LoadEngineParameters } from "./engine/loadEngine.node.ts";

export {
  fetchGenerationEvents,
  type FetchGenerationEventsParameters,
} from "./events/fetchGenerationEvents.ts";
export { parseGenerationEvents, type GenerationEvent } from "./events/parseGenerationEvents.ts";

export { fetchIpfs, type FetchIpfsParameters } from "./ipfs/fetchIpfs.ts";

export {
  AIGC_LINKS,
  type AigcLink,
  type AigcLinkId,
  type AigcLinkStatus,
  type AigcReport,
} from "./verify/AigcReport.ts";
export {
  outputCommitment,
  parseOutputBasis,
  proofCommitment,
  type OutputBasis,
  type OutputCommitmentParameters,
} from "@proofmint/core";
export { verifyAigc, type VerifyAigcParameters } from "./verify/verifyAigc.ts";
