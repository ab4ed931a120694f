import { fileURLToPath } from "node:url";

/**
 * The circuit folder of the platform's model in a proofmint checkout (where `npx proofmint` runs
 * from); elsewhere pass `--circuit`.
 */
export const DEFAULT_CIRCUIT_DIR = fileURLToPath(
  new URL("../../../../circuits/sprite", import.meta.url),
);
