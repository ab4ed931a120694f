import type { CircuitArtifacts } from "./circuitArtifacts.ts";
import { clamped, engine } from "./engine.ts";

/**
 * Verifies a proof with the WebAssembly engine against the committed verifying key and the k=1
 * verification SRS. Returns false for a proof that does not verify or cannot be parsed.
 */
export function verifyProof({
  artifacts,
  proof,
}: {
  artifacts: CircuitArtifacts;
  proof: Uint8Array;
}): boolean {
  try {
    return engine.verify(
      clamped(proof),
      clamped(artifacts.vk),
      clamped(artifacts.settings),
      clamped(artifacts.verifySrs),
    );
  } catch {
    return false;
  }
}
