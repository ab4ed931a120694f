import type { EnginePool } from "./EnginePool.ts";
import type { LoadEngineParameters } from "./loadEngine.node.ts";
import { workerEnginePool } from "./workerEnginePool.ts";

let pool: EnginePool | undefined;

/**
 * The ezkl engine's web build in two Web Workers, started once on first use: verifyAigc's
 * Poseidon hash and proof verification run side by side, off the page's thread. `wasm` is
 * compiled once here and shared with both; without it each worker fetches the web build's own
 * `ezkl_bg.wasm`. Like `loadEngine`, the page must be cross-origin isolated. A page can call this
 * when it opens, so that a verification finds the engine ready.
 *
 * @example
 * loadEnginePool({ wasm: fetch(new URL("/ezkl_bg.wasm", location.href)) });
 */
export function loadEnginePool({ wasm }: LoadEngineParameters = {}): EnginePool {
  if (pool !== undefined) return pool;
  const compiled = compileWasm(wasm);
  const started = workerEnginePool({
    size: 2,
    wasm: compiled,
    spawn: ({ onMessage, onError }) => {
      const worker = new Worker(new URL("./engineWorker.browser.ts", import.meta.url), {
        type: "module",
      });
      worker.addEventListener("message", (event: MessageEvent) => onMessage(event.data));
      worker.addEventListener("error", (event) => {
        // Handled here: the links that needed the engine report it.
        event.preventDefault();
        onError(event.message || "its script could not be loaded or failed at start");
      });
      worker.addEventListener("messageerror", () =>
        onError("it sent a message that cannot be read"),
      );
      return worker;
    },
  });
  pool = started;
  // A wasm that could not be fetched is tried again by the next caller.
  compiled.catch(() => {
    if (pool === started) pool = undefined;
  });
  return started;
}

async function compileWasm(
  wasm: LoadEngineParameters["wasm"],
): Promise<WebAssembly.Module | undefined> {
  if (wasm === undefined || wasm instanceof WebAssembly.Module) return wasm;
  const source = await wasm;
  const response =
    typeof source === "string" || source instanceof URL ? await fetch(source) : source;
  if (!(response instanceof Response)) return WebAssembly.compile(response);
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  // Streaming compilation needs the wasm MIME type; without it, compile the downloaded bytes.
  return response.headers.get("Content-Type")?.startsWith("application/wasm")
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}
