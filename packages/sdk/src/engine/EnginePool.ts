import { EngineError } from "../errors/errors.ts";
import { firstLine } from "../errors/firstLine.ts";
import type { AigcEngine } from "./AigcEngine.ts";

/**
 * The engine's two calls as verifyAigc makes them: answered asynchronously, so they can run side
 * by side in workers (the browser's default, which also keeps the page responsive) or, given an
 * `AigcEngine`, on this thread. Each answers as that engine does; a call rejects with
 * `EngineError` only when the engine cannot run it at all.
 */
export type EnginePool = {
  [Name in keyof AigcEngine]: (
    parameters: Parameters<AigcEngine[Name]>[0],
  ) => Promise<ReturnType<AigcEngine[Name]>>;
};

/**
 * An `EnginePool` that runs every call on this thread, in the engine `engine` resolves to.
 */
export function enginePoolOnThisThread({ engine }: { engine: Promise<AigcEngine> }): EnginePool {
  const loaded = engine.catch((error: unknown) => {
    throw new EngineError(`the ezkl engine could not be loaded: ${firstLine(error)}`, {
      cause: error,
    });
  });
  loaded.catch(() => {});
  return {
    verify: async (parameters) => (await loaded).verify(parameters),
    poseidonHash: async (parameters) => {
      const hashing = await loaded;
      try {
        return hashing.poseidonHash(parameters);
      } catch (error) {
        throw new EngineError(`the ezkl engine failed: ${firstLine(error)}`, { cause: error });
      }
    },
  };
}
