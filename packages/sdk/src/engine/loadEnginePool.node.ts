import { enginePoolOnThisThread, type EnginePool } from "./EnginePool.ts";
import { loadEngine, type LoadEngineParameters } from "./loadEngine.node.ts";

/**
 * The engine verifyAigc uses by default. In Node it is the Node build on this thread: measured on
 * two shared cores, a worker_threads worker running the Poseidon hash beside the verification
 * gained nothing. (The browser build runs it in two Web Workers.)
 */
export function loadEnginePool(parameters?: LoadEngineParameters): EnginePool {
  // Loading starts now, while verifyAigc reads the chain.
  return enginePoolOnThisThread({ engine: loadEngine(parameters) });
}
