// `npm run start:cluster`: PostgreSQL, Kubo, anvil, two API servers and two prover processes on
// this machine, all stopped by Ctrl-C. The work is in server/src/platform/runCluster.ts.
import { register } from "tsx/esm/api";
import { requirePinnedNode } from "./pinnedNode.mjs";

requirePinnedNode("npm run start:cluster");

register();
await import("../server/src/platform/runCluster.ts");
