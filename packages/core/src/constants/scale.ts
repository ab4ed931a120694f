/**
 * Largest fixed-point scale accepted for ezkl's input and output scales. ezkl quantizes to 64-bit
 * integers, so a larger scale cannot describe a real circuit; the bound keeps `2^scale` small.
 */
export const MAX_SCALE = 64;
