import { getAddress, isAddress, type Address, type Hex } from "viem";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { MetadataError } from "./MetadataError.ts";

/** `ipfs://` followed by a CIDv1 in base32, the form every proofmint store produces. */
export type IpfsUri = `ipfs://${string}`;

const IPFS_URI = /^ipfs:\/\/b[a-z2-7]{50,}$/;
const HEX32 = /^0x[0-9a-f]{64}$/;

/** Checks that `value` is an `ipfs://` URI of a base32 CIDv1. */
export function checkIpfsUri(path: string, value: unknown): IpfsUri {
  if (typeof value !== "string" || !IPFS_URI.test(value)) {
    throw new MetadataError({ path, expected: "ipfs:// followed by a base32 CIDv1" });
  }
  return value as IpfsUri;
}

const MODEL_ID = /^[a-z][a-z0-9_]*-v2-(dev-)?[0-9a-f]{64}$/;

/**
 * Checks that `value` is a model id (`<model>-v2-[dev-]<sha256 hex>`, circuits/README.md) of
 * `model`, whose `dev-` marker agrees with the SRS kind.
 */
export function checkModelId(
  path: string,
  value: unknown,
  { model, srs }: { model: string; srs: "development" | "ceremony" },
): string {
  if (typeof value !== "string" || !MODEL_ID.test(value) || !value.startsWith(`${model}-v2-`)) {
    throw new MetadataError({
      path,
      expected: `a model id of ${model}: ${model}-v2-[dev-]<64 hex>`,
    });
  }
  if (value.includes("-v2-dev-") !== (srs === "development")) {
    throw new MetadataError({ path, expected: `marked dev- exactly when the SRS is development` });
  }
  return value;
}

/** Checks that `value` is 32 bytes of lower-case hex. */
export function checkHex32(path: string, value: unknown): Hex {
  if (typeof value !== "string" || !HEX32.test(value)) {
    throw new MetadataError({ path, expected: "32 bytes as 0x-prefixed lower-case hex" });
  }
  return value as Hex;
}

/** Checks that `value` is aigcData: 32 bytes of lower-case hex below the BN254 scalar modulus. */
export function checkAigcData(path: string, value: unknown): Hex {
  const hex = checkHex32(path, value);
  if (BigInt(hex) >= BN254_SCALAR_FIELD_MODULUS) {
    throw new MetadataError({ path, expected: "a BN254 scalar field element" });
  }
  return hex;
}

/** Checks that `value` is an address and returns it checksummed. */
export function checkAddress(path: string, value: unknown): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new MetadataError({ path, expected: "a 20-byte 0x-prefixed address" });
  }
  return getAddress(value);
}

/** Checks that `value` is a positive safe integer. */
export function checkPositiveInteger(path: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new MetadataError({ path, expected: "a positive integer" });
  }
  return value;
}

/** Checks that `value` is a string of at least `minLength` characters. */
export function checkString(path: string, value: unknown, minLength = 1): string {
  if (typeof value !== "string" || value.length < minLength) {
    throw new MetadataError({ path, expected: `a string of at least ${minLength} characters` });
  }
  return value;
}

/** Parses a document's bytes as UTF-8 JSON whose top level is an object. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new MetadataError({ path: "$", expected: "UTF-8 JSON" });
  }
  return checkObject("$", json);
}

/** Checks that `value` is a JSON object (not an array, not null). */
export function checkObject(path: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MetadataError({ path, expected: "an object" });
  }
  return value as Record<string, unknown>;
}
