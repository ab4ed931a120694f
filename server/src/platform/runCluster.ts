// `npm run start:cluster`: the scale-out topology of docs/deploy.md on this machine (cluster.ts),
// for operators trying it: PostgreSQL, Kubo, anvil with the collection deployed, two API servers
// with no local prover (one of them leads: it indexes and relays) and two prover processes.
// Everything lives in a fresh temporary folder and is stopped and removed by Ctrl-C; `npm start`
// is the single-process platform that keeps its state.
// Ports: the servers on PORT (default 8787) and the next one; the rest on free ports.
import { resolve } from "node:path";
import { startCluster } from "./cluster.ts";
import { stopOnSignals } from "./stopOnSignals.ts";

const say = (line: string): void => {
  process.stdout.write(`proofmint cluster: ${line}\n`);
};

const signals = stopOnSignals({ onStop: () => say("stopping") });
const basePort = Number(process.env.PORT || 8787);
try {
  // The processes' stderr (JSON log lines) is not shown: health and the API tell the state.
  await startCluster({
    root: resolve(import.meta.dirname, "../../.."),
    servers: 2,
    provers: 2,
    basePort,
    log: say,
    onStarting: (stop) => signals.add(stop),
  });
  say(
    `ready: http://127.0.0.1:${basePort} and http://127.0.0.1:${basePort + 1}; ` +
      "GET /api/health on each says which one leads; Ctrl-C stops everything",
  );
} catch (error) {
  process.stderr.write(
    `proofmint cluster: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await signals.stopAll(1);
}
