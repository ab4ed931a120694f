import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { getPriority, setPriority } from "node:os";
import { createInterface } from "node:readline";
import { ProvingError } from "./errors.ts";

/** One proof request: the witness to prove and where the worker writes the proof JSON. */
export type ProveRequest = { witnessPath: string; proofPath: string };

/** What a worker reports for a finished proof. */
export type ProveResult = { proofPath: string; ms: number };

type Pending = {
  request: ProveRequest;
  resolve: (result: ProveResult) => void;
  reject: (error: Error) => void;
};

type Worker = {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  current?: Pending & { id: number };
  stderr: string[];
  isReady?: boolean;
};

export type NativeProverPoolOptions = {
  /** Python interpreter of the project environment (`scripts/python-env.sh` prints it). */
  python: string;
  /** Repository root: the worker runs `python -m circuits.prover_worker` from there. */
  root: string;
  /** Circuit name under circuits/. */
  model: string;
  /** Folder holding the cached proving key. */
  cacheDir: string;
  /** Number of concurrent native provers. */
  size: number;
  /**
   * Niceness added to the provers' CPU priority (default 10), so the server answers requests at
   * once while a proof uses every core. Set right after spawning, before the worker starts its
   * proving threads, which inherit it.
   */
  niceness?: number;
  /**
   * Each prover proves one fixed prompt before it takes requests (`--warm-up`), so the proving
   * key and SRS are read and the first creator waits no longer than later ones. Default false.
   */
  warmUp?: boolean;
};

/**
 * A bounded pool of warm native ezkl provers, each a long-lived Python process that loads the
 * circuit and proving key once. Proving never runs on the Node event loop; requests beyond the
 * pool size wait in a FIFO queue. A worker that dies fails only its own request and is replaced.
 */
export class NativeProverPool {
  readonly #options: NativeProverPoolOptions;
  readonly #idle: Worker[] = [];
  readonly #all = new Set<Worker>();
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  #readyCount = 0;

  constructor(options: NativeProverPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new ProvingError(`prover pool size must be a positive integer, got ${options.size}`);
    }
    this.#options = options;
  }

  /** Requests waiting for a free prover. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Requests being proven now. */
  get busy(): number {
    return [...this.#all].filter((worker) => worker.current).length;
  }

  /** Provers started and not ready yet: deriving or reading the proving key, or warming up. */
  get starting(): number {
    return this.#all.size - this.#readyCount;
  }

  /** Provers ready for requests (idle or proving). */
  get ready(): number {
    return this.#readyCount;
  }

  /**
   * Starts every prover now, in the background, instead of at the first request: the server calls
   * it at start so that no creator waits for a proving key to load. Idempotent.
   */
  start(): void {
    while (!this.#closed && this.#all.size < this.#options.size) this.#idle.push(this.#spawn());
  }

  /** Process ids of the running provers (for monitoring, and for tests that kill one). */
  pids(): number[] {
    return [...this.#all].flatMap((worker) => (worker.process.pid ? [worker.process.pid] : []));
  }

  /** Proves one witness; resolves when the proof file is written. */
  prove(request: ProveRequest): Promise<ProveResult> {
    if (this.#closed) return Promise.reject(new ProvingError("prover pool is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every worker; queued requests are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) {
      pending.reject(new ProvingError("prover pool closed before the request ran"));
    }
    await Promise.all(
      [...this.#all].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.process.exitCode !== null) return resolve();
            worker.process.once("exit", () => resolve());
            worker.process.stdin.end();
            setTimeout(() => worker.process.kill("SIGKILL"), 5_000).unref();
          }),
      ),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let worker = this.#idle.pop();
      if (!worker && this.#all.size < this.#options.size) worker = this.#spawn();
      if (!worker) return;
      const pending = this.#queue.shift()!;
      this.#run(worker, pending);
    }
  }

  #run(worker: Worker, pending: Pending): void {
    const id = this.#nextId++;
    worker.current = { ...pending, id };
    worker.ready.then(
      () => {
        const { witnessPath, proofPath } = pending.request;
        worker.process.stdin.write(
          `${JSON.stringify({ id, witness_path: witnessPath, proof_path: proofPath })}\n`,
        );
      },
      () => {},
    );
  }

  #spawn(): Worker {
    const { python, root, model, cacheDir } = this.#options;
    const child = spawn(
      python,
      [
        "-m",
        "circuits.prover_worker",
        "--model",
        model,
        "--cache-dir",
        cacheDir,
        ...(this.#options.warmUp ? ["--warm-up"] : []),
      ],
      { cwd: root, env: { ...process.env, PYTHONPATH: root }, stdio: "pipe" },
    );
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.min(19, getPriority() + (this.#options.niceness ?? 10)));
      } catch {
        // The process has already exited; its exit handler reports it.
      }
    }
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    const worker: Worker = {
      process: child,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
      stderr: [],
    };
    this.#all.add(worker);

    createInterface({ input: child.stderr }).on("line", (line) => {
      worker.stderr.push(line);
      if (worker.stderr.length > 50) worker.stderr.shift();
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      let message: {
        id?: number;
        ready?: boolean;
        ok?: boolean;
        ms?: number;
        error?: { code?: string; message?: string };
      };
      try {
        message = JSON.parse(line);
      } catch {
        worker.stderr.push(line);
        return;
      }
      if (message.ready) {
        this.#readyCount++;
        worker.isReady = true;
        return markReady();
      }
      const current = worker.current;
      if (!current || message.id !== current.id) return;
      worker.current = undefined;
      if (message.ok) {
        current.resolve({ proofPath: current.request.proofPath, ms: message.ms ?? 0 });
      } else {
        current.reject(
          new ProvingError(`native prover failed: ${message.error?.message ?? "unknown error"}`, {
            witnessPath: current.request.witnessPath,
            proverCode: message.error?.code,
          }),
        );
      }
      this.#idle.push(worker);
      this.#dispatch();
    });
    child.on("exit", (code, signal) => {
      this.#all.delete(worker);
      if (worker.isReady) this.#readyCount--;
      const index = this.#idle.indexOf(worker);
      if (index >= 0) this.#idle.splice(index, 1);
      const error = new ProvingError(
        `native prover exited (${signal ?? `code ${code}`}) ${worker.current ? "during a proof" : "while idle"}`,
        { stderr: worker.stderr.slice(-10).join("\n") },
      );
      markFailed(error);
      worker.current?.reject(error);
      worker.current = undefined;
      if (!this.#closed) this.#dispatch();
    });
    return worker;
  }
}
