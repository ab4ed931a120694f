// Runs the ezkl WebAssembly engine on a worker thread (a piscina pool, see engineThreads.ts):
// witness generation takes about a second and verification tens of milliseconds, both CPU-bound
// and synchronous, so they must not run on the server's event loop. Plain JavaScript, so Node
// loads it in any context (tsx, vitest, plain node) without a TypeScript loader.
import * as ezkl from "@ezkljs/engine";

const clamped = (bytes) => new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** genWitness(compiledCircuit, inputJson) -> witness JSON bytes. */
export function witness({ compiledCircuit, input }) {
  return ezkl.genWitness(clamped(compiledCircuit), clamped(input));
}

/** verify(proof, vk, settings, srs) -> boolean; unparseable proofs verify as false. */
export function verify({ proof, vk, settings, srs }) {
  try {
    return ezkl.verify(clamped(proof), clamped(vk), clamped(settings), clamped(srs));
  } catch {
    return false;
  }
}

/** Calldata for the generated verifier's verifyProof(bytes, uint256[]). */
export function calldata({ proof }) {
  return ezkl.encodeVerifierCalldata(clamped(proof));
}
