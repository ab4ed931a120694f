import { MetadataError } from "./MetadataError.ts";

/** Parses a document's bytes as UTF-8 JSON whose top level is an object. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new MetadataError({ path: "$", expected: "UTF-8 JSON" });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new MetadataError({ path: "$", expected: "an object" });
  }
  return json as Record<string, unknown>;
}

/** Checks that `value` is a positive safe integer. */
export function checkPositiveInteger(path: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new MetadataError({ path, expected: "a positive integer" });
  }
  return value;
}
