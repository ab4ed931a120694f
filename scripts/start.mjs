// `npm start`: anvil, the deployment, the server and the built site on one port, all stopped by
// Ctrl-C. The work is in server/src/platform/runPlatform.ts (TypeScript, run through tsx).
import { register } from "tsx/esm/api";
import { requirePinnedNode } from "./pinnedNode.mjs";

requirePinnedNode("npm start");

register();
await import("../server/src/platform/runPlatform.ts");
