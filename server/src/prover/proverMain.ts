// A prover worker's entry point: `npm run prover`, or the `proofmint-prover` bin of this package.
// Configuration comes from the environment, as for the server (config/config.ts): the database
// (DATA_DIR or DATABASE_URL), the content store (IPFS_API_URL or DATA_DIR/blocks), the chain
// (RPC_URL, CHAIN_ID, COLLECTION_ADDRESS), PROVER_POOL_SIZE and PROVER_WORK_DIR.
import { resolve } from "node:path";
import { processMain } from "../processMain.ts";
import { startProver } from "./startProver.ts";

await processMain({
  name: "proofmint prover",
  root: resolve(import.meta.dirname, "../../.."),
  start: startProver,
  ready: (prover) => `proofmint prover ready as ${prover.owner}`,
});
