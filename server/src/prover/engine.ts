import * as ezkl from "@ezkljs/engine";

/**
 * The ezkl 21.0.0 WebAssembly engine (Node build), with byte conversions in one place. Its
 * functions take `Uint8ClampedArray`; the rest of the server passes `Uint8Array`.
 */
export const engine = ezkl;

/** A view of bytes in the type the engine's bindings declare. */
export function clamped(bytes: Uint8Array): Uint8ClampedArray {
  return new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
