export * from "./index.ts";
export { readCircuitArtifacts } from "./artifacts/readCircuitArtifacts.ts";
