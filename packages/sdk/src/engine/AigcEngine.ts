/**
 * The two things verification needs from ezkl 21.0.0's WebAssembly engine. `loadEngine` gives
 * the Node build or the web build (package.json `imports`, `#engine`); both wrap the same calls.
 */
export type AigcEngine = {
  /** KZG verification of ezkl's proof JSON; false for a proof that fails or cannot be parsed. */
  verify(parameters: {
    proof: Uint8Array;
    vk: Uint8Array;
    settings: Uint8Array;
    srs: Uint8Array;
  }): boolean;
  /** ezkl's Poseidon hash of field elements given as its little-endian JSON felts. */
  poseidonHash(parameters: { felts: readonly string[] }): string;
};

/** The functions both engine builds export under these names. */
export type EzklBindings = {
  verify(
    proof: Uint8ClampedArray,
    vk: Uint8ClampedArray,
    settings: Uint8ClampedArray,
    srs: Uint8ClampedArray,
  ): boolean;
  poseidonHash(message: Uint8ClampedArray): Uint8ClampedArray;
};

const clamped = (bytes: Uint8Array) =>
  new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Adapts either build's bindings to `AigcEngine`. */
export function aigcEngine({ bindings }: { bindings: EzklBindings }): AigcEngine {
  return {
    verify({ proof, vk, settings, srs }) {
      try {
        return bindings.verify(clamped(proof), clamped(vk), clamped(settings), clamped(srs));
      } catch {
        return false;
      }
    },
    poseidonHash({ felts }) {
      const message = new TextEncoder().encode(JSON.stringify(felts));
      const result = new TextDecoder().decode(bindings.poseidonHash(clamped(message)));
      const [[hash]] = JSON.parse(result) as [[string]];
      return hash;
    },
  };
}
