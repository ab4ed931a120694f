/** What `stopOnSignals` gives its caller: things to stop, and the way out. */
export type SignalStop = {
  /** Adds something to stop; stopped in reverse order of adding. */
  add(stop: () => Promise<void>): void;
  /** Stops everything added (once; errors ignored), then exits with `code`. */
  stopAll(code: number): Promise<void>;
  /** True once stopping began. */
  readonly stopped: boolean;
};

/**
 * For the `npm start`-style entry points: SIGINT (Ctrl-C) and SIGTERM stop everything added, in
 * reverse order, and exit 0; `stopAll(code)` does the same on a failure.
 *
 * @example
 * const signals = stopOnSignals();
 * signals.add(() => anvil.stop());
 */
export function stopOnSignals({ onStop }: { onStop?: () => void } = {}): SignalStop {
  const stopping: (() => Promise<void>)[] = [];
  let stopped = false;
  const stopAll = async (code: number) => {
    if (stopped) return;
    stopped = true;
    onStop?.();
    for (const stop of stopping.reverse()) await stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
  return {
    add: (stop) => void stopping.push(stop),
    stopAll,
    get stopped() {
      return stopped;
    },
  };
}
