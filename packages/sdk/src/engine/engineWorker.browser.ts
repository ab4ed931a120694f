// A Web Worker holding ezkl's web build for loadEnginePool: a "load" message with the compiled
// wasm, then calls, each answered with its id.
import { firstLine } from "../errors/firstLine.ts";
import type { AigcEngine } from "./AigcEngine.ts";
import { loadEngine } from "./loadEngine.browser.ts";
import type { EngineCall, EngineWorkerRequest, EngineWorkerResponse } from "./workerEnginePool.ts";

let engine: Promise<AigcEngine> | undefined;

addEventListener("message", (event: MessageEvent<EngineWorkerRequest>) => {
  const request = event.data;
  if (request.type === "load") {
    engine = loadEngine({ wasm: request.wasm });
    engine.catch(() => {});
  } else {
    void answer(request.id, request.call).then((response) => postMessage(response));
  }
});

async function answer(id: number, call: EngineCall): Promise<EngineWorkerResponse> {
  let loaded: AigcEngine;
  try {
    if (engine === undefined) throw new Error("no wasm was sent before the call");
    loaded = await engine;
  } catch (error) {
    return { id, error: `its WebAssembly could not be loaded: ${firstLine(error)}` };
  }
  try {
    return {
      id,
      result:
        call.name === "verify"
          ? loaded.verify(call.parameters)
          : loaded.poseidonHash(call.parameters),
    };
  } catch (error) {
    return { id, error: firstLine(error) };
  }
}
