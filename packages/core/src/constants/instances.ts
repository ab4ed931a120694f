/**
 * Layout of the public instances of a proof (ezkl's single instance column, in order):
 *
 * | index  | value                                                                  |
 * |--------|------------------------------------------------------------------------|
 * | 0..63  | prompt byte i shifted left by the input scale, 0 past the prompt's end |
 *
 * The prompt is the model's only input (`input_visibility = "public"`); weights are fixed
 * (`param_visibility = "fixed"`), so they add no instance; the output is committed by
 * `polycommit`, as the proof's first point, so it adds none either (`proofCommitment`).
 * v2 models (hashed output) had a 65th instance, the output's Poseidon hash.
 */
export const PROMPT_INSTANCE_COUNT = 64;

/** Number of public instances of a proof: the 64 prompt instances. */
export const PUBLIC_INSTANCE_COUNT = 64;

/** Index of the output hash among the public instances of a v2 (hashed-output) proof. */
export const HASHED_OUTPUT_INSTANCE_INDEX = 64;
