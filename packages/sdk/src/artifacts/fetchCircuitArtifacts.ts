import { CircuitArtifactsError } from "../errors/errors.ts";
import type { CircuitArtifacts } from "./CircuitArtifacts.ts";
import { circuitArtifactsFromFiles } from "./circuitArtifactsFromFiles.ts";

export type FetchCircuitArtifactsParameters = {
  /** URL of a circuit folder, e.g. a static copy of the repository's `circuits/sprite`. */
  url: string;
  fetch?: typeof globalThis.fetch;
};

/**
 * Fetches a circuit folder's `manifest.json`, `settings.json`, `vk.key`, `kzg1.srs` and (v3
 * models) `output_basis.bin` from any host: verifyAigc checks them and the manifest's ONNX digest
 * against the collection's model id, so the host need not be trusted.
 *
 * @throws {CircuitArtifactsError} when a file cannot be fetched.
 * @example
 * const artifacts = await fetchCircuitArtifacts({ url: "https://example.com/circuits/sprite" });
 */
export async function fetchCircuitArtifacts({
  url,
  fetch = globalThis.fetch,
}: FetchCircuitArtifactsParameters): Promise<CircuitArtifacts> {
  const base = url.replace(/\/+$/, "");
  const get = async (name: string) => {
    try {
      const response = await fetch(`${base}/${name}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      throw new CircuitArtifactsError(`cannot fetch ${base}/${name}`, { cause });
    }
  };
  const [manifest, settings, vk, verificationSrs, outputBasis] = await Promise.all([
    ...["manifest.json", "settings.json", "vk.key", "kzg1.srs"].map(get),
    // Folders of v2 models have no basis; verification then says the model id needs one if it does.
    get("output_basis.bin").catch(() => undefined),
  ]);
  return circuitArtifactsFromFiles({
    manifest: manifest!,
    settings: settings!,
    vk: vk!,
    verificationSrs: verificationSrs!,
    outputBasis,
  });
}
