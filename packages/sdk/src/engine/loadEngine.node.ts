import { aigcEngine, type AigcEngine } from "./AigcEngine.ts";

export type LoadEngineParameters = {
  /**
   * Browser build only: where `ezkl_bg.wasm` is, its bytes, or its response (e.g. a `fetch`
   * started early, compiled as it streams in). Ignored in Node.
   */
  wasm?:
    URL | string | BufferSource | WebAssembly.Module | Response | Promise<Response> | undefined;
};

let loaded: Promise<AigcEngine> | undefined;

/**
 * The ezkl engine's Node build (single-threaded wasm), loaded once on first use.
 *
 * @example
 * const engine = await loadEngine();
 */
export const loadEngine: (parameters?: LoadEngineParameters) => Promise<AigcEngine> = () => {
  loaded ??= import("@ezkljs/engine").then((bindings) => aigcEngine({ bindings }));
  return loaded;
};
