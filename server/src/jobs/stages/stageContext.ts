import type { CircuitArtifacts, EngineThreads, NativeProverPool } from "../../prover/index.ts";
import type { Chain } from "../../chain/chain.ts";
import type { Job } from "../../db/schema.ts";
import type { ContentStore } from "../../ipfs/contentStore.ts";
import type { Logger } from "../../logger.ts";
import type { JobFiles } from "../jobFiles.ts";
import type { RenderThreads } from "../renderThreads.ts";

/** What every stage receives: the job as claimed, its files and the parts it may use. */
export type StageContext = {
  job: Job;
  files: JobFiles;
  artifacts: CircuitArtifacts;
  /** Witness and verification off the event loop. */
  engine: Pick<EngineThreads, "witness" | "verify">;
  /** PNG rendering off the event loop. */
  renderer: Pick<RenderThreads, "render">;
  pool: Pick<NativeProverPool, "prove">;
  store: ContentStore;
  chain: Chain;
  /** Base URL of the site for metadata `external_url`, if public. */
  publicUrl: string | undefined;
  logger: Logger;
  /**
   * Resolves while this process leads the fleet, asked of the database at this moment; throws a
   * `NOT_LEADING` error otherwise. Awaited right before each relayer transaction, so a leader
   * that was deposed (its database session ended) sends none after its successor starts.
   */
  confirmLeading(): Promise<void>;
  /** Saves fields before the stage ends (e.g. a salt before a transaction uses it). */
  save(fields: Partial<Pick<Job, "mintSalt" | "commitTx" | "mintTx">>): Promise<void>;
  /** Adds an informational event to the job's stream. */
  note(type: string, data: Record<string, unknown>): Promise<void>;
};

/** What a stage hands back: fields to store with its completion, and data for its event. */
export type StageResult = {
  fields?: Partial<
    Pick<
      Job,
      "aigcData" | "imageCid" | "outputCid" | "proofCid" | "metadataCid" | "mintTx" | "commitTx"
    >
  >;
  data?: Record<string, unknown>;
};
