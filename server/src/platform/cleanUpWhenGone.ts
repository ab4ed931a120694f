import { spawn } from "node:child_process";

/** `value` as one word for `sh`, whatever it holds. */
export function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs the shell command `cleanup` once this process has ended, however it ended (kill -9
 * included): a detached watchdog checks every 2 s whether this process is alive. For the
 * throwaway services tests start (a PostgreSQL cluster), which would otherwise outlive a test run
 * that was killed. `cleanup` must be harmless when the service was already stopped normally.
 */
export function cleanUpWhenGone(cleanup: string): void {
  const watch = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${cleanup}`;
  spawn("sh", ["-c", watch], { detached: true, stdio: "ignore" }).unref();
}
