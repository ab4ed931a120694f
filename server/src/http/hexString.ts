import { z } from "@hono/zod-openapi";

/**
 * A 0x-prefixed hex string in a response (an address, a hash, calldata). Its OpenAPI `format`
 * is `hex`, which the generated client types (scripts/generate-api-types.mjs) read as viem's
 * `` `0x${string}` ``, so a client passes it to viem without a cast.
 */
export const HexString = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/)
  .openapi({ format: "hex" });
