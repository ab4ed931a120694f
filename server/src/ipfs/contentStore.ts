import type { CID } from "multiformats/cid";

/**
 * Where proofmint keeps images, outputs, proofs and metadata: content-addressed by UnixFS CIDv1
 * with raw leaves, so every implementation gives a file the CID `ipfs add --cid-version=1` does.
 */
export interface ContentStore {
  /** Which implementation, for health reports. */
  readonly kind: "embedded" | "kubo";
  /** Stores a file and returns its CID. Storing the same bytes again is a no-op. */
  add(bytes: Uint8Array): Promise<CID>;
  /** A file's bytes, or undefined when this node does not hold it. */
  get(cid: CID): Promise<Uint8Array | undefined>;
  /** The root block of a file (for `?format=raw`), or undefined when this node does not hold it. */
  getBlock(cid: CID): Promise<Uint8Array | undefined>;
  /** For health reports: the last failure to reach the store, cleared by the next success. */
  status(): ContentStoreStatus;
  close(): Promise<void>;
}

export type ContentStoreStatus = { reachable: boolean; lastError: string | undefined };

/**
 * The import parameters of Kubo's `ipfs add --cid-version=1`, fixed here rather than inherited
 * from library defaults: 256 KiB chunks, balanced layout with at most 174 links, raw leaves.
 */
export const UNIXFS_IMPORT = {
  cidVersion: 1,
  rawLeaves: true,
  chunkSize: 262_144,
  maxChildrenPerNode: 174,
} as const;

/** Files larger than this are refused: proofmint stores images, proofs and JSON of kilobytes. */
export const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
