import { getAddress, isAddress, type Address, type Hex } from "viem";
import { BN254_BASE_FIELD_MODULUS, BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { parseModelId, type ModelIdParts, type ModelIdVersion } from "../model/parseModelId.ts";
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

/**
 * Checks that `value` is a model id (`<model>-v3-[dev-]<sha256 hex>`, or v2 for tokens of an
 * earlier build; circuits/README.md) of `model`, whose `dev-` marker agrees with the SRS kind.
 */
export function checkModelId(
  path: string,
  value: unknown,
  { model, srs }: { model: string; srs: "development" | "ceremony" },
): string {
  let parts: ModelIdParts;
  try {
    parts = parseModelId({ modelId: value as string });
  } catch {
    throw new MetadataError({
      path,
      expected: `a model id of ${model}: ${model}-v3-[dev-]<64 hex>`,
    });
  }
  if (parts.model !== model) {
    throw new MetadataError({ path, expected: `a model id of ${model}, not of ${parts.model}` });
  }
  if (parts.development !== (srs === "development")) {
    throw new MetadataError({ path, expected: `marked dev- exactly when the SRS is development` });
  }
  return value as string;
}

/** Checks that `value` is 32 bytes of lower-case hex. */
export function checkHex32(path: string, value: unknown): Hex {
  if (typeof value !== "string" || !HEX32.test(value)) {
    throw new MetadataError({ path, expected: "32 bytes as 0x-prefixed lower-case hex" });
  }
  return value as Hex;
}

/**
 * Checks that `value` is aigcData: 32 bytes of lower-case hex. For a v3 model it is a compressed
 * G1 point, whose x (the low 255 bits) is below the base field modulus; for a v2 model a Poseidon
 * hash, below the scalar field modulus.
 */
export function checkAigcData(
  path: string,
  value: unknown,
  { version }: { version: ModelIdVersion },
): Hex {
  const hex = checkHex32(path, value);
  const bound = version === 3 ? BN254_BASE_FIELD_MODULUS : BN254_SCALAR_FIELD_MODULUS;
  const element = version === 3 ? BigInt(hex) & ((1n << 255n) - 1n) : BigInt(hex);
  if (element >= bound) {
    throw new MetadataError({
      path,
      expected: version === 3 ? "a compressed BN254 G1 point" : "a BN254 scalar field element",
    });
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
