/**
 * What a client sees of a generation (`status` in `GET /api/generations/:id`), derived by the
 * server from its stage, lease and error. `minted` and `failed` are final: the event stream ends.
 */
export const GENERATION_STATUSES = [
  "queued",
  "running",
  "ready",
  "minting",
  "minted",
  "failed",
] as const;

export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/**
 * The event types of a generation's stream (`GET /api/generations/:id/events`, each sent as the
 * SSE `event` field): `progress` (a stage started), `stage` (a stage completed), `transaction`
 * (a commit or mint sent), `ready`, `mint-requested`, `minted`, `retrying`, `failed`, and `reorg`
 * (a chain reorganisation undid the mint).
 */
export const GENERATION_EVENT_TYPES = [
  "progress",
  "stage",
  "transaction",
  "ready",
  "mint-requested",
  "minted",
  "retrying",
  "failed",
  "reorg",
] as const;

export type GenerationEventType = (typeof GENERATION_EVENT_TYPES)[number];
