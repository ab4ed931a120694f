/**
 * The BN254 (alt_bn128) scalar field modulus r: ezkl's felts, the public instances of a proof and
 * `aigcData` all live in this field. Negative integers are represented as `r - |x|`.
 */
export const BN254_SCALAR_FIELD_MODULUS =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;
