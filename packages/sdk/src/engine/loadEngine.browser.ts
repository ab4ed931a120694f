import { aigcEngine, type AigcEngine } from "./AigcEngine.ts";
import type { LoadEngineParameters } from "./loadEngine.node.ts";

let loaded: Promise<AigcEngine> | undefined;

/**
 * The ezkl engine's web build, initialised once on first use. Its wasm imports a shared
 * `WebAssembly.Memory`, so the page must be cross-origin isolated (COOP `same-origin`, COEP
 * `require-corp`). No thread pool is started: verification and Poseidon run on one thread, which
 * avoids the web build's broken worker URLs (ezkl issue #1038).
 *
 * @example
 * const engine = await loadEngine({ wasm: new URL("/ezkl_bg.wasm", location.href) });
 */
export function loadEngine({ wasm }: LoadEngineParameters = {}): Promise<AigcEngine> {
  loaded ??= (async () => {
    const bindings = await import("@ezkljs/engine/web/ezkl.js");
    // The web build is ESM, but its folder's package.json lacks "type": "module", so TypeScript
    // types it as CommonJS and loses the default export (wasm-bindgen's init).
    const init = (bindings as unknown as { default: (input?: unknown) => Promise<unknown> })
      .default;
    await init(wasm);
    return aigcEngine({ bindings });
  })();
  // A failed load (the wasm could not be fetched, say) is tried again by the next caller.
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
