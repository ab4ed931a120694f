import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/errors.ts";
import { workerEnginePool, type SpawnEngineWorker } from "./workerEnginePool.ts";

// The pool's plumbing, with worker_threads workers running small scripts in place of the
// browser's engine worker (which needs a page: the web suite runs it). Each script behaves as an
// engine worker can: answers, fails to start, dies, or reports an error.
const answering = `
  const { parentPort, threadId } = require("node:worker_threads");
  let loaded = false;
  parentPort.on("message", (request) => {
    if (request.type === "load") loaded = request.wasm === undefined;
    else parentPort.postMessage(loaded
      ? { id: request.id, result: request.call.name + " in thread " + threadId }
      : { id: request.id, error: "a call came before the wasm" });
  });`;

function spawnScripts(...scripts: string[]): SpawnEngineWorker {
  let spawned = 0;
  return ({ onMessage, onError }) => {
    const script = scripts[Math.min(spawned++, scripts.length - 1)]!;
    if (script === "no worker") throw new Error("Worker is not defined");
    const worker = new Worker(script, { eval: true });
    worker.unref();
    worker.on("message", onMessage);
    worker.on("error", (error) => onError(error.message));
    worker.on("exit", (code) => onError(`it exited with code ${code}`));
    return worker;
  };
}

const felts = { felts: ["01"] };
const wasm = Promise.resolve(undefined);

describe("workerEnginePool", () => {
  it("sends the wasm first, then runs two calls side by side in two workers", async () => {
    const pool = workerEnginePool({ size: 2, spawn: spawnScripts(answering), wasm });
    const [hash, verified] = await Promise.all([
      pool.poseidonHash(felts),
      pool.verify({
        proof: new Uint8Array(),
        vk: new Uint8Array(),
        settings: new Uint8Array(),
        srs: new Uint8Array(),
      }),
    ]);
    expect(hash).toMatch(/^poseidonHash in thread \d+$/);
    expect(verified).toMatch(/^verify in thread \d+$/);
    expect(hash.split(" ").at(-1)).not.toBe(String(verified).split(" ").at(-1));
  });

  it("rejects, not hangs, when no worker can start", async () => {
    const pool = workerEnginePool({ size: 1, spawn: spawnScripts("no worker"), wasm });
    const call = pool.poseidonHash(felts);
    await expect(call).rejects.toThrow(EngineError);
    await expect(call).rejects.toThrow(
      "the ezkl engine's worker could not start: Worker is not defined",
    );
  });

  it("rejects the call a worker holds when its script fails, and starts another", async () => {
    const pool = workerEnginePool({
      size: 1,
      spawn: spawnScripts(`throw new Error("the engine's script broke")`, answering),
      wasm,
    });
    await expect(pool.poseidonHash(felts)).rejects.toThrow(
      "the ezkl engine's worker stopped: the engine's script broke",
    );
    await expect(pool.poseidonHash(felts)).resolves.toMatch(/^poseidonHash in thread/);
  });

  it("rejects, not hangs, when the worker exits during a call", async () => {
    const exiting = `require("node:worker_threads").parentPort.on("message", (request) => {
      if (request.type === "call") process.exit(3);
    });`;
    const pool = workerEnginePool({ size: 1, spawn: spawnScripts(exiting), wasm });
    await expect(pool.poseidonHash(felts)).rejects.toThrow(
      "the ezkl engine's worker stopped: it exited with code 3",
    );
  });

  it("passes on the engine's error for the call that raised it", async () => {
    const failing = `const { parentPort } = require("node:worker_threads");
      parentPort.on("message", (request) => {
        if (request.type === "call") parentPort.postMessage({ id: request.id, error: "unreachable" });
      });`;
    const pool = workerEnginePool({ size: 1, spawn: spawnScripts(failing), wasm });
    await expect(pool.poseidonHash(felts)).rejects.toThrow(
      "the ezkl engine failed in its worker: unreachable",
    );
  });

  it("rejects every call when the wasm could not be fetched", async () => {
    const pool = workerEnginePool({
      size: 2,
      spawn: spawnScripts(answering),
      wasm: Promise.reject(new Error("/assets/ezkl_bg.wasm: HTTP 404")),
    });
    await expect(pool.poseidonHash(felts)).rejects.toThrow(
      "the ezkl engine's WebAssembly could not be loaded: /assets/ezkl_bg.wasm: HTTP 404",
    );
  });
});
