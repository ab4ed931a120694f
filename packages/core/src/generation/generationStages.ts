/**
 * The stages a generation passes, in order, as the server records them and its API and events
 * name them. A job's `stage` is the last one completed: `validate` when created, `ready` once
 * the image, output, proof and metadata are on IPFS, `mint` when a relayed mint's transaction is
 * confirmed, `minted` when the indexer has seen the token.
 */
export const GENERATION_STAGES = [
  "validate",
  "witness",
  "render",
  "prove",
  "verify",
  "store",
  "ready",
  "mint",
  "minted",
] as const;

export type GenerationStage = (typeof GENERATION_STAGES)[number];
