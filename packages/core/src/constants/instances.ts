/**
 * Layout of the public instances of a glyph proof (ezkl's single instance column, in order):
 *
 * | index  | value                                                                    |
 * |--------|--------------------------------------------------------------------------|
 * | 0..63  | prompt byte i shifted left by the input scale, 0 past the prompt's end   |
 * | 64     | output commitment: ezkl's Poseidon hash of the quantized output (aigcData) |
 *
 * The prompt is the model's only input (`input_visibility = "public"`); weights are fixed
 * (`param_visibility = "fixed"`), so they add no instance; the output is `hashed`, so it adds one.
 */
export const PROMPT_INSTANCE_COUNT = 64;

/** Index of the output commitment (`aigcData`) among the public instances. */
export const OUTPUT_COMMITMENT_INDEX = 64;

/** Number of public instances of a glyph proof: 64 prompt instances and the output commitment. */
export const PUBLIC_INSTANCE_COUNT = 65;
