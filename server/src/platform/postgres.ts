import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { cleanUpWhenGone, shellWord } from "./cleanUpWhenGone.ts";

const run = promisify(execFile);

/** Where Debian's `postgresql-15` puts initdb and pg_ctl. */
export const POSTGRES_BIN = "/usr/lib/postgresql/15/bin";

/** The unprivileged account the cluster runs as when this process is root (PostgreSQL refuses root). */
const UNPRIVILEGED_USER = "nobody";

export type RunningPostgres = {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser, trusted on loopback. */
  url: string;
  port: number;
  /** Its temporary folder (data directory, socket, log), removed by `stop()`. */
  dir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server abruptly (`pg_ctl stop -m immediate`: no checkpoint, as a crash would; every
   * connection is cut), runs `between`, then starts it again on the same data folder and port (it
   * recovers from its write-ahead log).
   */
  restart(between?: () => Promise<void>): Promise<void>;
  /** Stops the cluster (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Installs Debian's `postgresql-15` with apt when its binaries are missing (CI runs as root). */
function ensurePostgresInstalled(): void {
  if (existsSync(join(POSTGRES_BIN, "initdb"))) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `PostgreSQL 15 is not installed (${POSTGRES_BIN}/initdb is missing): ` +
        "run `apt-get install postgresql-15` as root",
    );
  }
  const apt = (args: string[]) =>
    execFileSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", "postgresql-15"]);
}

/**
 * Starts a throwaway PostgreSQL 15 cluster for tests: initdb in a fresh temporary folder, the
 * server on a free loopback port, trusting local connections, run as `nobody` when this process
 * is root. fsync is off: the cluster dies with the test run, so only an operating-system crash
 * could lose its writes. Commits are still synchronous, so a commit PostgreSQL acknowledged
 * survives PostgreSQL itself being killed (`restart()`'s immediate stop, as a crash would), as in
 * production; with `synchronous_commit=off` a crash drops the last acknowledged commits and a
 * job can go back to a state its prover had already moved past. The cluster dies with the run,
 * even one killed with kill -9 (a watchdog stops and removes it).
 *
 * @example
 * const postgres = await startPostgres();
 * const url = await postgres.createDatabase("e2e");
 * await postgres.stop();
 */
export async function startPostgres(): Promise<RunningPostgres> {
  ensurePostgresInstalled();
  const dir = await mkdtemp(join(tmpdir(), "proofmint-postgres-"));
  const dataDir = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", UNPRIVILEGED_USER]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", UNPRIVILEGED_USER]).toString().trim());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const asPostgres = (binary: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", UNPRIVILEGED_USER, "--", join(POSTGRES_BIN, binary), ...args])
      : run(join(POSTGRES_BIN, binary), args);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  const start = () =>
    asPostgres("pg_ctl", ["-D", dataDir, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  try {
    await asPostgres("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-sync",
    ]);
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL in ${dir}`, { cause: error });
  }
  // A test run killed with kill -9 never calls stop(): the cluster is stopped and removed then.
  const pgCtl = [
    ...(asRoot ? ["runuser", "-u", UNPRIVILEGED_USER, "--"] : []),
    join(POSTGRES_BIN, "pg_ctl"),
  ];
  cleanUpWhenGone(
    `if [ -d ${shellWord(dataDir)} ]; then ` +
      `${[...pgCtl, "-D", dataDir, "-m", "immediate", "-w", "stop"].map(shellWord).join(" ")}; ` +
      `rm -rf ${shellWord(dir)}; fi`,
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dir,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart(between) {
      await asPostgres("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      await between?.();
      await start();
    },
    async stop() {
      await asPostgres("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
