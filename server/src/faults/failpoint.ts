import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * A named place where the fault drills can crash the server on purpose, as `kill -9` would, at a
 * moment no outside signal can hit reliably (between two IPFS writes, a few milliseconds apart).
 * Off unless PROOFMINT_FAILPOINTS_DIR is set. A failpoint is armed by creating a file of its name
 * in that folder; it fires once, removing the file first, so the restarted server runs on.
 *
 * @example
 * failpoint("store.between-documents"); // no-op unless <dir>/store.between-documents exists
 */
export function failpoint(name: string): void {
  const dir = process.env.PROOFMINT_FAILPOINTS_DIR;
  if (!dir) return;
  const armed = join(dir, name);
  if (!existsSync(armed)) return;
  rmSync(armed);
  process.kill(process.pid, "SIGKILL");
}
