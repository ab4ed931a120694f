import { create, type KuboRPCClient } from "kubo-rpc-client";
import type { CID } from "multiformats/cid";
import { MAX_CONTENT_BYTES, UNIXFS_IMPORT, type ContentStore } from "./contentStore.ts";
import { ContentStoreError } from "./errors.ts";

const REQUEST_TIMEOUT = "30s";

// Kubo's global `--offline` flag, which the client passes through as a query parameter.
const OFFLINE = { offline: true } as Record<string, unknown>;

// Kubo answers "block was not found locally (offline)" (or "... not found") for content it lacks.
function isNotFound(error: unknown): boolean {
  return error instanceof Error && /not found/i.test(error.message);
}

/**
 * A Kubo node over its RPC API, used when `IPFS_API_URL` is set. Content is added with the same
 * import parameters as the embedded store (passed explicitly, so a node's own `Import.*` defaults
 * cannot change a CID) and pinned. Reads are offline: the gateway serves what this node holds.
 */
export class KuboContentStore implements ContentStore {
  readonly kind = "kubo";
  readonly #client: KuboRPCClient;
  readonly #url: string;

  constructor({ url }: { url: string }) {
    this.#url = url;
    this.#client = create({ url });
  }

  async add(bytes: Uint8Array): Promise<CID> {
    if (bytes.byteLength > MAX_CONTENT_BYTES) {
      throw new ContentStoreError("content too large", { bytes: bytes.byteLength });
    }
    try {
      const { cid } = await this.#client.add(bytes, {
        cidVersion: UNIXFS_IMPORT.cidVersion,
        rawLeaves: UNIXFS_IMPORT.rawLeaves,
        chunker: `size-${UNIXFS_IMPORT.chunkSize}`,
        trickle: false,
        hashAlg: "sha2-256",
        pin: true,
        timeout: REQUEST_TIMEOUT,
      });
      return cid;
    } catch (cause) {
      throw new ContentStoreError(
        "the Kubo node did not store the content",
        { url: this.#url },
        cause,
      );
    }
  }

  async get(cid: CID): Promise<Uint8Array | undefined> {
    try {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of this.#client.cat(cid, {
        timeout: REQUEST_TIMEOUT,
        ...OFFLINE,
      })) {
        size += chunk.byteLength;
        if (size > MAX_CONTENT_BYTES) return undefined;
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    } catch (cause) {
      if (isNotFound(cause)) return undefined;
      throw new ContentStoreError(`the Kubo node did not return ${cid}`, { url: this.#url }, cause);
    }
  }

  async getBlock(cid: CID): Promise<Uint8Array | undefined> {
    try {
      return await this.#client.block.get(cid, {
        timeout: REQUEST_TIMEOUT,
        ...OFFLINE,
      });
    } catch (cause) {
      if (isNotFound(cause)) return undefined;
      throw new ContentStoreError(
        `the Kubo node did not return block ${cid}`,
        { url: this.#url },
        cause,
      );
    }
  }

  async close(): Promise<void> {}
}
