import { create, type KuboRPCClient } from "kubo-rpc-client";
import type { CID } from "multiformats/cid";
import {
  MAX_CONTENT_BYTES,
  UNIXFS_IMPORT,
  type ContentStore,
  type ContentStoreStatus,
} from "./contentStore.ts";
import { ContentStoreError, ContentStoreUnavailableError } from "./errors.ts";

const REQUEST_TIMEOUT = "30s";
const PROBE_TIMEOUT = "3s";

// Kubo's global `--offline` flag, which the client passes through as a query parameter.
const OFFLINE = { offline: true } as Record<string, unknown>;

// Kubo answers "block was not found locally (offline)" (or "... not found") for content it lacks.
function isNotFound(error: unknown): boolean {
  return error instanceof Error && /not found/i.test(error.message);
}

// The client throws HTTPError when Kubo answered with an error; anything else (refused, reset,
// timed out) means no Kubo answered at all.
function isUnreachable(error: unknown): boolean {
  return !(error instanceof Error && error.name === "HTTPError");
}

/** What went wrong at the lowest level: "fetch failed" alone names nothing. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ?? cause?.message ?? message;
}

/**
 * A Kubo node over its RPC API, used when `IPFS_API_URL` is set. Content is added with the same
 * import parameters as the embedded store (passed explicitly, so a node's own `Import.*` defaults
 * cannot change a CID) and pinned. Reads are offline: the gateway serves what this node holds.
 * A node that does not answer raises `ContentStoreUnavailableError` and shows in `status()`.
 */
export class KuboContentStore implements ContentStore {
  readonly kind = "kubo";
  readonly #client: KuboRPCClient;
  readonly #url: string;
  #lastError: string | undefined;
  #probe: NodeJS.Timeout | undefined;

  constructor({ url }: { url: string }) {
    this.#url = url;
    this.#client = create({ url });
  }

  /**
   * Opens the store once the node answers, and keeps asking it every `probeMs` so that health
   * reports a node that went away even while no job needs it.
   *
   * @throws {ContentStoreUnavailableError} naming `IPFS_API_URL` and the URL when nothing answers.
   */
  static async connect({
    url,
    probeMs = 5_000,
  }: {
    url: string;
    probeMs?: number;
  }): Promise<KuboContentStore> {
    const store = new KuboContentStore({ url });
    await store.#check();
    if (store.#lastError !== undefined) {
      throw new ContentStoreUnavailableError(
        `IPFS_API_URL: no Kubo RPC API answers at ${url} (${store.#lastError}); start the ` +
          "Kubo daemon there (`npm start -- --kubo` runs one), or unset IPFS_API_URL to use the " +
          "embedded store",
        { setting: "IPFS_API_URL", url },
      );
    }
    store.#probe = setInterval(() => void store.#check(), probeMs).unref();
    return store;
  }

  async #check(): Promise<void> {
    try {
      await this.#client.version({ timeout: PROBE_TIMEOUT });
      this.#lastError = undefined;
    } catch (cause) {
      this.#lastError = `the Kubo RPC API at ${this.#url} (IPFS_API_URL) does not answer: ${describe(cause)}`;
    }
  }

  status(): ContentStoreStatus {
    return { reachable: this.#lastError === undefined, lastError: this.#lastError };
  }

  /** Records whether the node answered, and wraps the failure in the error a caller can act on. */
  #failed(cause: unknown, message: string): ContentStoreError | ContentStoreUnavailableError {
    if (!isUnreachable(cause)) {
      this.#lastError = undefined;
      return new ContentStoreError(message, { url: this.#url }, cause);
    }
    this.#lastError = `the Kubo RPC API at ${this.#url} (IPFS_API_URL) does not answer: ${describe(cause)}`;
    return new ContentStoreUnavailableError(
      `${message}: ${this.#lastError}`,
      { setting: "IPFS_API_URL", url: this.#url },
      cause,
    );
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
      this.#lastError = undefined;
      return cid;
    } catch (cause) {
      throw this.#failed(cause, "the Kubo node did not store the content");
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
      this.#lastError = undefined;
      // A plain Uint8Array, as the embedded store returns (not a Buffer, whose equality differs).
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    } catch (cause) {
      if (isNotFound(cause)) return undefined;
      throw this.#failed(cause, `the Kubo node did not return ${cid}`);
    }
  }

  async getBlock(cid: CID): Promise<Uint8Array | undefined> {
    try {
      const block = await this.#client.block.get(cid, {
        timeout: REQUEST_TIMEOUT,
        ...OFFLINE,
      });
      this.#lastError = undefined;
      return block;
    } catch (cause) {
      if (isNotFound(cause)) return undefined;
      throw this.#failed(cause, `the Kubo node did not return block ${cid}`);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#probe);
  }
}
