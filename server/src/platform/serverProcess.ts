import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ServerError } from "../errors.ts";

export type ServerProcess = {
  url: string;
  pid: number;
  /** Everything the server logged, one JSON line each. */
  logs: string[];
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Abrupt stop (SIGKILL), as a crash would. */
  kill(): Promise<void>;
};

/**
 * Runs `server/src/main.ts` in its own process (as `npm start` does) and resolves when it
 * listens; for end-to-end tests and benchmarks that need to stop or kill it.
 */
export async function startServerProcess({
  root,
  env,
  entry = "server/src/main.ts",
  ready = /listening on (\S+)/,
}: {
  root: string;
  env: Record<string, string>;
  /** The entry point, relative to `root`. */
  entry?: string;
  /** The line on stdout that says it is up; its first group becomes `url`. */
  ready?: RegExp;
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, entry)], {
    cwd: root,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => logs.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = ready.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code, signal) =>
      reject(
        new ServerError(`${entry} exited (${signal ?? code}) before it was ready`, {
          code: "SERVER_FAILED",
          details: { logs: logs.slice(-30).join("\n") },
        }),
      ),
    );
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    url,
    pid: child.pid!,
    logs,
    stop: () => signal("SIGTERM"),
    kill: () => signal("SIGKILL"),
  };
}
