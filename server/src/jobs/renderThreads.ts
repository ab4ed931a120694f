import { Piscina } from "piscina";

/** The render rule of `@proofmint/core` (`renderPng`) on a worker thread. */
export class RenderThreads {
  readonly #pool = new Piscina({
    filename: new URL("./renderThread.mjs", import.meta.url).href,
    minThreads: 1,
    maxThreads: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
  });

  render(image: {
    output: bigint[];
    height: number;
    width: number;
    outputScale: number;
  }): Promise<Uint8Array> {
    return this.#pool.run(image);
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
