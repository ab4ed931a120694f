/**
 * The BN254 (alt_bn128) scalar field modulus r: ezkl's felts and the public instances of a proof
 * live in this field. Negative integers are represented as `r - |x|`.
 */
export const BN254_SCALAR_FIELD_MODULUS =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** The BN254 base field modulus q: coordinates of G1 points, such as the output commitment. */
export const BN254_BASE_FIELD_MODULUS =
  21888242871839275222246405745257275088696311157297823662689037894645226208583n;
