import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CircuitArtifactsError } from "../errors/errors.ts";
import type { CircuitArtifacts } from "./CircuitArtifacts.ts";
import { circuitArtifactsFromFiles } from "./circuitArtifactsFromFiles.ts";

/**
 * Node only: reads a circuit folder (`manifest.json`, `settings.json`, `vk.key`, `kzg1.srs` and,
 * for v3 models, `output_basis.bin`), e.g. `circuits/sprite` of a proofmint checkout.
 *
 * @throws {CircuitArtifactsError} when a file is missing.
 * @example
 * const artifacts = await readCircuitArtifacts({ dir: "circuits/sprite" });
 */
export async function readCircuitArtifacts({ dir }: { dir: string }): Promise<CircuitArtifacts> {
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (cause) {
      throw new CircuitArtifactsError(`cannot read ${join(dir, name)}`, { cause });
    }
  };
  const [manifest, settings, vk, verificationSrs] = await Promise.all(
    ["manifest.json", "settings.json", "vk.key", "kzg1.srs"].map(read),
  );
  // Folders of v2 models have no basis; verification then says the model id needs one if it does.
  const outputBasis = await read("output_basis.bin").catch(() => undefined);
  return circuitArtifactsFromFiles({
    manifest: manifest!,
    settings: settings!,
    vk: vk!,
    verificationSrs: verificationSrs!,
    outputBasis,
  });
}
