import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { ServerError } from "../errors.ts";
import { ensureKubo } from "./kuboBinary.ts";

const run = promisify(execFile);

export type RunningKubo = {
  /** The RPC API, for `IPFS_API_URL`, e.g. `http://127.0.0.1:5001`. */
  apiUrl: string;
  /** Kubo's own HTTP gateway. */
  gatewayUrl: string;
  /** The repository (IPFS_PATH); a temporary one is removed by `stop()`. */
  repoDir: string;
  pid: number;
  /** Graceful stop (SIGTERM to the daemon's process group). */
  stop(): Promise<void>;
  /** Abrupt stop (SIGKILL), as a crash would; the repository stays. */
  kill(): Promise<void>;
};

const multiaddrPort = (address: string) => /\/tcp\/(\d+)/.exec(address)?.[1];

/**
 * Starts a private Kubo daemon on loopback, offline (no peers, no network): the repository is
 * created with `ipfs init --profile test` when `repoDir` holds none (a temporary one when
 * `repoDir` is unset), the RPC API and gateway listen on `apiPort`/`gatewayPort` (0: free ports),
 * and this resolves once the API answers. The daemon runs in its own process group, which `stop()`
 * ends, as does this process's exit. The binary is built into the cache first if needed.
 *
 * @example
 * const kubo = await startKubo({});
 * process.env.IPFS_API_URL = kubo.apiUrl;
 * await kubo.stop();
 */
export async function startKubo({
  binary,
  repoDir,
  apiPort = 0,
  gatewayPort = 0,
  log,
}: {
  /** The `ipfs` binary; by default the cached build (`ensureKubo`). */
  binary?: string;
  /** A repository kept across runs (created if missing); by default a temporary one. */
  repoDir?: string;
  apiPort?: number;
  gatewayPort?: number;
  log?: (line: string) => void;
}): Promise<RunningKubo> {
  const ipfs = binary ?? (await ensureKubo(log === undefined ? {} : { log }));
  const temporary = repoDir === undefined;
  const repo = repoDir ?? (await mkdtemp(join(tmpdir(), "proofmint-kubo-")));
  const env = { ...process.env, IPFS_PATH: repo };
  const ipfsCommand = async (args: string[]) => {
    try {
      await run(ipfs, args, { env, timeout: 60_000 });
    } catch (cause) {
      throw new ServerError(`\`ipfs ${args.join(" ")}\` failed for the repository ${repo}`, {
        code: "KUBO_FAILED",
        details: { stderr: (cause as { stderr?: string }).stderr ?? String(cause) },
        cause,
      });
    }
  };
  try {
    if (!existsSync(join(repo, "config"))) {
      await mkdir(repo, { recursive: true });
      await ipfsCommand(["init", "--profile", "test", "--empty-repo"]);
    }
    await ipfsCommand(["config", "Addresses.API", `/ip4/127.0.0.1/tcp/${apiPort}`]);
    await ipfsCommand(["config", "Addresses.Gateway", `/ip4/127.0.0.1/tcp/${gatewayPort}`]);
  } catch (error) {
    if (temporary) await rm(repo, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(ipfs, ["daemon", "--offline"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signalGroup("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const output: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  let apiUrl: string | undefined;
  let gatewayUrl: string | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        output.push(line);
        const api = /RPC API server listening on (\S+)/.exec(line)?.[1];
        const gateway = /Gateway server listening on (\S+)/.exec(line)?.[1];
        if (api) apiUrl = `http://127.0.0.1:${multiaddrPort(api)}`;
        if (gateway) gatewayUrl = `http://127.0.0.1:${multiaddrPort(gateway)}`;
        if (/Daemon is ready/.test(line)) resolve();
      });
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        reject(
          new ServerError(`the Kubo daemon exited (${signal ?? code}) before it was ready`, {
            code: "KUBO_FAILED",
            details: { repo, output: output.slice(-20).join("\n") },
          }),
        ),
      );
      setTimeout(
        () =>
          reject(
            new ServerError("the Kubo daemon was not ready within 60 s", { code: "KUBO_FAILED" }),
          ),
        60_000,
      ).unref();
    });
    if (apiUrl === undefined || gatewayUrl === undefined) {
      throw new ServerError("the Kubo daemon did not say where its API and gateway listen", {
        code: "KUBO_FAILED",
        details: { output: output.join("\n") },
      });
    }
    const answer = await fetch(`${apiUrl}/api/v0/version`, { method: "POST" });
    if (!answer.ok) {
      throw new ServerError(`the Kubo RPC API at ${apiUrl} answered ${answer.status}`, {
        code: "KUBO_FAILED",
      });
    }
  } catch (error) {
    signalGroup("SIGKILL");
    await exited;
    process.removeListener("exit", killOnExit);
    if (temporary) await rm(repo, { recursive: true, force: true });
    throw error;
  }

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(signal);
      const force = setTimeout(() => signalGroup("SIGKILL"), 10_000);
      await exited;
      clearTimeout(force);
    }
    process.removeListener("exit", killOnExit);
  };
  return {
    apiUrl,
    gatewayUrl,
    repoDir: repo,
    pid: child.pid!,
    async stop() {
      await end("SIGTERM");
      if (temporary) await rm(repo, { recursive: true, force: true });
    },
    kill: () => end("SIGKILL"),
  };
}

/**
 * Kills a daemon (SIGKILL: a crash), runs `between`, then starts one again on the same repository
 * and ports, so an `IPFS_API_URL` naming it stays valid.
 *
 * @example
 * kubo = await restartKubo(kubo, { between: () => checkHealthWhileAway() });
 */
export async function restartKubo(
  kubo: RunningKubo,
  { between, log }: { between?: () => Promise<void>; log?: (line: string) => void } = {},
): Promise<RunningKubo> {
  const apiPort = Number(new URL(kubo.apiUrl).port);
  const gatewayPort = Number(new URL(kubo.gatewayUrl).port);
  await kubo.kill();
  await between?.();
  return startKubo({ repoDir: kubo.repoDir, apiPort, gatewayPort, ...(log ? { log } : {}) });
}
