import { startServerProcess, type ServerProcess } from "./serverProcess.ts";

export type ProverProcess = Omit<ServerProcess, "url"> & {
  /** The lease owner id its claims carry (`host/pid/uuid`). */
  owner: string;
};

/**
 * Runs a prover worker (`server/src/prover/proverMain.ts`, as `npm run prover` does) in its own
 * process and resolves once it takes jobs; for end-to-end tests and benchmarks that add, stop or
 * kill provers. `env` is the server's (same database, store and chain) plus the prover's own
 * settings (PROVER_POOL_SIZE, PROVER_WORK_DIR).
 */
export async function startProverProcess({
  root,
  env,
}: {
  root: string;
  env: Record<string, string>;
}): Promise<ProverProcess> {
  const { url, ...process } = await startServerProcess({
    root,
    env,
    entry: "server/src/prover/proverMain.ts",
    ready: /prover ready as (\S+)/,
  });
  return { ...process, owner: url };
}
