// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected) as PNG chunks need it (PNG spec, section 5.5).
const TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** CRC-32 of the concatenation of `parts`. */
export function crc32({ parts }: { parts: readonly Uint8Array[] }): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (const byte of part) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
