import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { ServerError } from "../errors.ts";

export type RunningAnvil = { rpcUrl: string; pid: number; stop(): Promise<void> };

/** The anvil binary shipped in the npm package for this platform (not the npx wrapper). */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const manifest = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`);
  return join(dirname(manifest), "bin", "anvil");
}

/**
 * Starts anvil itself (killing an `npx anvil` would leave the binary running) on loopback, and
 * resolves once it listens. With `stateFile`, the chain is loaded from and saved to that file, so
 * tokens survive a restart along with the database.
 *
 * @example
 * const anvil = await startAnvil({ port: 0 });
 * await anvil.stop();
 */
export async function startAnvil({
  port,
  stateFile,
}: {
  /** 0 picks a free port. */
  port: number;
  stateFile?: string;
}): Promise<RunningAnvil> {
  const args = ["--host", "127.0.0.1", "--port", String(port)];
  if (stateFile !== undefined) args.push("--state", stateFile, "--state-interval", "10");
  const child: ChildProcess = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const rpcUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      output.push(line);
      const match = /Listening on (\S+):(\d+)/.exec(line);
      if (match) resolve(`http://127.0.0.1:${match[2]}`);
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(
        new ServerError(`anvil exited (code ${code}) before listening`, {
          code: "ANVIL_FAILED",
          details: { output: output.slice(-20).join("\n") },
        }),
      ),
    );
  });
  child.stdout!.resume();
  return {
    rpcUrl,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        // SIGINT lets anvil write its state file.
        child.kill("SIGINT");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
