export {
  loadCircuitArtifacts,
  type CircuitArtifacts,
  type CircuitManifest,
} from "./circuitArtifacts.ts";
export { checkProof, ProofRejectedError, type VerifyEngine } from "./checkProof.ts";
export {
  computeWitness,
  parseWitnessOutput,
  witnessInput,
  type Witness,
  type WitnessEngine,
} from "./computeWitness.ts";
export { EngineThreads } from "./engineThreads.ts";
export { engine } from "./engine.ts";
export { CircuitArtifactsError, ProvingError, WitnessError } from "./errors.ts";
export {
  NativeProverPool,
  type NativeProverPoolOptions,
  type ProveRequest,
  type ProveResult,
} from "./nativeProverPool.ts";
export { proveImage, type ProvenImage } from "./proveImage.ts";
export { pythonEnv } from "./pythonEnv.ts";
export { verifyProof } from "./verifyProof.ts";
