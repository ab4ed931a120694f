// The server's entry point: `npx tsx server/src/main.ts` (npm start runs it with anvil and the
// deployment around it). Configuration comes from the environment; see config/config.ts.
import { resolve } from "node:path";
import { processMain } from "./processMain.ts";
import { startServer } from "./startServer.ts";

await processMain({
  name: "proofmint server",
  root: resolve(import.meta.dirname, "../.."),
  start: startServer,
  ready: (server) => `proofmint server listening on ${server.url}`,
});
