// `npm run prover`: one prover worker process, which takes proving jobs from the database the
// API servers share and needs nothing from their disk. The work is in
// server/src/prover/proverMain.ts (TypeScript, run through tsx); settings in server/README.md.
import { register } from "tsx/esm/api";
import { requirePinnedNode } from "./pinnedNode.mjs";

requirePinnedNode("npm run prover");

register();
await import("../server/src/prover/proverMain.ts");
