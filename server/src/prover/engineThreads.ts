import { Piscina } from "piscina";

/**
 * The ezkl engine on worker threads. The circuit's large buffers (compiled circuit, vk, settings,
 * SRS) are copied to a thread per call; at about 1 MB that costs far less than the work itself.
 */
export class EngineThreads {
  readonly #pool: Piscina;

  constructor({ threads = 1 }: { threads?: number } = {}) {
    this.#pool = new Piscina({
      filename: new URL("./engineWorker.mjs", import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  witness(args: { compiledCircuit: Uint8Array; input: Uint8Array }): Promise<Uint8Array> {
    return this.#pool.run(args, { name: "witness" });
  }

  verify(args: {
    proof: Uint8Array;
    vk: Uint8Array;
    settings: Uint8Array;
    srs: Uint8Array;
  }): Promise<boolean> {
    return this.#pool.run(args, { name: "verify" });
  }

  calldata(args: { proof: Uint8Array }): Promise<Uint8Array> {
    return this.#pool.run(args, { name: "calldata" });
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
