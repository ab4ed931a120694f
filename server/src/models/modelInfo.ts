import type { CircuitArtifacts } from "../prover/index.ts";

/** The facts about a model that clients and metadata use, from its circuit manifest and settings. */
export function modelInfo({ artifacts }: { artifacts: CircuitArtifacts }) {
  const { manifest } = artifacts;
  return {
    name: manifest.model,
    modelId: manifest.model_id,
    srs: { kind: artifacts.manifest.srs.kind, insecure: artifacts.manifest.srs.insecure },
    logrows: artifacts.logrows,
    inputScale: artifacts.inputScale,
    outputScale: artifacts.outputScale,
  };
}
