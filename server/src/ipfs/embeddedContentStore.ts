import { FsBlockstore } from "blockstore-fs";
import { exporter } from "ipfs-unixfs-exporter";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { importBytes } from "ipfs-unixfs-importer";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { CID } from "multiformats/cid";
import {
  MAX_CONTENT_BYTES,
  UNIXFS_IMPORT,
  type ContentStore,
  type ContentStoreStatus,
} from "./contentStore.ts";
import { ContentStoreError } from "./errors.ts";

/**
 * The embedded IPFS store: UnixFS blocks in files under `dir` (one file per block), imported and
 * exported by the same libraries Helia uses.
 */
export class EmbeddedContentStore implements ContentStore {
  readonly kind = "embedded";
  readonly #blockstore: FsBlockstore;

  private constructor(blockstore: FsBlockstore) {
    this.#blockstore = blockstore;
  }

  static async open({ dir }: { dir: string }): Promise<EmbeddedContentStore> {
    const blockstore = new FsBlockstore(dir);
    try {
      await blockstore.open();
    } catch (cause) {
      throw new ContentStoreError(`cannot open the blockstore at ${dir}`, { dir }, cause);
    }
    return new EmbeddedContentStore(blockstore);
  }

  async add(bytes: Uint8Array): Promise<CID> {
    if (bytes.byteLength > MAX_CONTENT_BYTES) {
      throw new ContentStoreError("content too large", { bytes: bytes.byteLength });
    }
    try {
      const { cid } = await importBytes(bytes, this.#blockstore, {
        cidVersion: UNIXFS_IMPORT.cidVersion,
        rawLeaves: UNIXFS_IMPORT.rawLeaves,
        reduceSingleLeafToSelf: true,
        chunker: fixedSize({ chunkSize: UNIXFS_IMPORT.chunkSize }),
        layout: balanced({ maxChildrenPerNode: UNIXFS_IMPORT.maxChildrenPerNode }),
      });
      return cid;
    } catch (cause) {
      throw new ContentStoreError("cannot store content in the blockstore", {}, cause);
    }
  }

  async get(cid: CID): Promise<Uint8Array | undefined> {
    if (!(await this.#blockstore.has(cid))) return undefined;
    try {
      const entry = await exporter(cid, this.#blockstore);
      if (entry.type !== "file" && entry.type !== "raw") return undefined;
      if (entry.size > BigInt(MAX_CONTENT_BYTES)) return undefined;
      const bytes = new Uint8Array(Number(entry.size));
      let offset = 0;
      for await (const chunk of entry.content()) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    } catch (cause) {
      throw new ContentStoreError(
        `cannot read ${cid} from the blockstore`,
        { cid: String(cid) },
        cause,
      );
    }
  }

  async getBlock(cid: CID): Promise<Uint8Array | undefined> {
    if (!(await this.#blockstore.has(cid))) return undefined;
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.#blockstore.get(cid)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** In-process: always reachable; disk failures surface in the call that met them. */
  status(): ContentStoreStatus {
    return { reachable: true, lastError: undefined };
  }

  async close(): Promise<void> {
    await this.#blockstore.close();
  }
}
