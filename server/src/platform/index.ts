export { anvilBinary, startAnvil, type RunningAnvil } from "./anvil.ts";
export { startCluster, type Cluster, type ClusterServer } from "./cluster.ts";
export { deployCollection, type Deployment } from "./deployCollection.ts";
export { startServerProcess, type ServerProcess } from "./serverProcess.ts";
export { readGenerationEvents, type GenerationStreamEvent } from "./readGenerationEvents.ts";
export { ensureKubo, kuboBinaryPath, KUBO_VERSION } from "./kuboBinary.ts";
export { restartKubo, startKubo, type RunningKubo } from "./kubo.ts";
export {
  readModelId,
  startLocalPlatform,
  type IpfsBackend,
  type LocalPlatform,
} from "./localPlatform.ts";
export { POSTGRES_BIN, startPostgres, type RunningPostgres } from "./postgres.ts";
export { startProverProcess, type ProverProcess } from "./proverProcess.ts";
export { stopOnSignals, type SignalStop } from "./stopOnSignals.ts";
