const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The media type of stored content, sniffed from its bytes as Kubo's gateway does (a CID names
 * bytes, not a type): PNG by signature, JSON when it parses as UTF-8 JSON, else octet-stream.
 */
export function contentType({ bytes }: { bytes: Uint8Array }): string {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return "image/png";
  const first = bytes.find(
    (byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09,
  );
  if (first === 0x7b || first === 0x5b) {
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      return "application/json";
    } catch {
      return "application/octet-stream";
    }
  }
  return "application/octet-stream";
}
