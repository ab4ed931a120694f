import { EngineError } from "../errors/errors.ts";
import { firstLine } from "../errors/firstLine.ts";
import type { AigcEngine } from "./AigcEngine.ts";
import type { EnginePool } from "./EnginePool.ts";

/** One call of the engine, as posted to a worker. */
export type EngineCall = {
  [Name in keyof AigcEngine]: { name: Name; parameters: Parameters<AigcEngine[Name]>[0] };
}[keyof AigcEngine];

/** What the pool posts to an engine worker: the wasm to load first, then calls by id. */
export type EngineWorkerRequest =
  | { type: "load"; wasm: WebAssembly.Module | undefined }
  | { type: "call"; id: number; call: EngineCall };

/** A worker's answer to a call: the engine's result, or why the engine could not give one. */
export type EngineWorkerResponse =
  { id: number; result: ReturnType<AigcEngine[keyof AigcEngine]> } | { id: number; error: string };

/**
 * Starts one engine worker (a Web Worker, or a worker_threads Worker in tests) and wires its
 * events, which arrive after it returns, to the handlers.
 */
export type SpawnEngineWorker = (handlers: {
  onMessage(response: EngineWorkerResponse): void;
  /** The worker failed or stopped: every call it holds is rejected with `reason`. */
  onError(reason: string): void;
}) => { postMessage(request: EngineWorkerRequest): void; terminate(): void };

type Running = {
  waiting: Map<number, { resolve(result: unknown): void; reject(error: EngineError): void }>;
  post(request: EngineWorkerRequest): Promise<void>;
};

/**
 * An `EnginePool` of `size` workers, started at once. Each call goes to the worker holding the
 * fewest, so two calls run side by side. `wasm` (compiled once, shared by every worker) is posted
 * to each worker before its first call. A worker that cannot start, fails or stops rejects every
 * call it holds with an `EngineError` naming the cause, never leaving one waiting, and the next
 * call starts a new one.
 */
export function workerEnginePool({
  size,
  spawn,
  wasm,
}: {
  size: number;
  spawn: SpawnEngineWorker;
  wasm: Promise<WebAssembly.Module | undefined>;
}): EnginePool {
  const workers: (Running | undefined)[] = Array.from({ length: size }, () => undefined);
  let nextId = 0;
  const module = wasm.catch((error: unknown) => {
    throw new EngineError(
      `the ezkl engine's WebAssembly could not be loaded: ${firstLine(error)}`,
      {
        cause: error,
      },
    );
  });
  module.catch(() => {});

  function start(index: number): Running {
    const running: Running = {
      waiting: new Map(),
      // Calls wait for the same promise, so they reach the worker after the wasm and in order.
      post: async (request) => {
        await loaded;
        worker.postMessage(request);
      },
    };
    const worker = spawn({
      onMessage(response) {
        const call = running.waiting.get(response.id);
        if (call === undefined) return;
        running.waiting.delete(response.id);
        if ("error" in response) {
          call.reject(new EngineError(`the ezkl engine failed in its worker: ${response.error}`));
        } else {
          call.resolve(response.result);
        }
      },
      onError(reason) {
        if (workers[index] === running) workers[index] = undefined;
        worker.terminate();
        const error = new EngineError(`the ezkl engine's worker stopped: ${reason}`);
        for (const call of running.waiting.values()) call.reject(error);
        running.waiting.clear();
      },
    });
    const loaded = module.then((compiled) => worker.postMessage({ type: "load", wasm: compiled }));
    // Without its wasm a worker has nothing to do: each call says why.
    loaded.catch(() => worker.terminate());
    workers[index] = running;
    return running;
  }

  async function call(engineCall: EngineCall): Promise<unknown> {
    let index = 0;
    for (let other = 1; other < size; other++) {
      if ((workers[other]?.waiting.size ?? 0) < (workers[index]?.waiting.size ?? 0)) index = other;
    }
    let running: Running;
    try {
      running = workers[index] ?? start(index);
    } catch (error) {
      throw new EngineError(`the ezkl engine's worker could not start: ${firstLine(error)}`, {
        cause: error,
      });
    }
    const id = nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      running.waiting.set(id, { resolve, reject });
    });
    try {
      await running.post({ type: "call", id, call: engineCall });
    } catch (error) {
      running.waiting.delete(id);
      throw error instanceof EngineError
        ? error
        : new EngineError(
            `the ezkl engine's worker could not be sent the call: ${firstLine(error)}`,
            {
              cause: error,
            },
          );
    }
    return answer;
  }

  for (let index = 0; index < size; index++) {
    try {
      start(index);
    } catch {
      // The first call this worker would take starts it again and reports why it cannot.
    }
  }
  return {
    verify: (parameters) => call({ name: "verify", parameters }) as Promise<boolean>,
    poseidonHash: (parameters) => call({ name: "poseidonHash", parameters }) as Promise<string>,
  };
}
