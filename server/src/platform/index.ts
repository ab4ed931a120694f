export { anvilBinary, startAnvil, type RunningAnvil } from "./anvil.ts";
export { deployCollection, type Deployment } from "./deployCollection.ts";
export { startServerProcess, type ServerProcess } from "./serverProcess.ts";
export { readGenerationEvents, type GenerationStreamEvent } from "./readGenerationEvents.ts";
export { readModelId, startLocalPlatform, type LocalPlatform } from "./localPlatform.ts";
export { POSTGRES_BIN, startPostgres, type RunningPostgres } from "./postgres.ts";
