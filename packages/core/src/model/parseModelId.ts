import { MetadataError } from "../metadata/MetadataError.ts";

/**
 * The parts of a model id, `<model>-v<version>-[dev-]<digest>` (circuits/README.md, "Model id").
 * The version names the rule the digest follows and how the model commits to its output:
 * - v2: output hashed with Poseidon into public instance 64 (the first glyph builds);
 * - v3: output committed by polycommit, the proof's first point; the digest binds the output basis.
 */
export type ModelIdParts = {
  model: string;
  version: ModelIdVersion;
  /** True for a development (insecure) SRS: `dev-` is present. */
  development: boolean;
  /** 64 lower-case hex digits. */
  digest: string;
};

export type ModelIdVersion = 2 | 3;

const MODEL_ID = /^([a-z][a-z0-9_]*)-v([23])-(dev-)?([0-9a-f]{64})$/;

/**
 * Splits a model id into its parts.
 *
 * @throws {MetadataError} when `modelId` is not a v2 or v3 model id.
 * @example
 * parseModelId({ modelId: "glyph-v3-dev-81a4…" }) // { model: "glyph", version: 3, development: true, digest: "81a4…" }
 */
export function parseModelId({ modelId }: { modelId: string }): ModelIdParts {
  const match = typeof modelId === "string" ? MODEL_ID.exec(modelId) : null;
  if (match === null) {
    throw new MetadataError({
      path: "model_id",
      expected: "<model>-v3-[dev-]<64 hex> (or a v2 id of an earlier model)",
    });
  }
  return {
    model: match[1]!,
    version: Number(match[2]) as ModelIdVersion,
    development: match[3] !== undefined,
    digest: match[4]!,
  };
}
