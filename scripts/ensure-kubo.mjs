// Builds Kubo (the `ipfs` binary) from the Go module proxy into the project cache when it is not
// there yet or does not run, and prints its path: `<PROOFMINT_CACHE_DIR>/kubo/v<version>/ipfs`.
// Tests and `npm start -- --kubo` do this on their own; this is for building it ahead of time.
// The work is in server/src/platform/kuboBinary.ts (TypeScript, run through tsx).
import { register } from "tsx/esm/api";

register();
const { ensureKubo } = await import("../server/src/platform/kuboBinary.ts");
try {
  console.log(await ensureKubo());
} catch (error) {
  console.error(`proofmint: ${error.message}`);
  if (error.details?.output) console.error(error.details.output);
  process.exit(1);
}
