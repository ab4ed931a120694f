import { createHash } from "node:crypto";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as digest } from "multiformats/hashes/digest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIXFS_IMPORT, type ContentStore } from "../ipfs/contentStore.ts";

const SHA2_256 = 0x12;
const sha256 = (bytes: Uint8Array) => digest(SHA2_256, createHash("sha256").update(bytes).digest());

/**
 * The CID Kubo's `ipfs add --cid-version=1` gives a file, built by hand from the UnixFS spec
 * rather than by the importer: raw leaves of 256 KiB under one dag-pb File node (enough for files
 * up to 174 chunks, 43.5 MiB).
 */
export function kuboCid(bytes: Uint8Array): CID {
  const chunks: Uint8Array[] = bytes.length === 0 ? [bytes] : [];
  for (let offset = 0; offset < bytes.length; offset += UNIXFS_IMPORT.chunkSize) {
    chunks.push(bytes.subarray(offset, offset + UNIXFS_IMPORT.chunkSize));
  }
  const leaves = chunks.map((chunk) => CID.createV1(raw.code, sha256(chunk)));
  if (leaves.length === 1) return leaves[0]!;
  const file = new UnixFS({
    type: "file",
    blockSizes: chunks.map((chunk) => BigInt(chunk.length)),
  });
  const node = dagPb.prepare({
    Data: file.marshal(),
    Links: leaves.map((Hash, i) => ({ Hash, Name: "", Tsize: chunks[i]!.length })),
  });
  return CID.createV1(dagPb.code, sha256(dagPb.encode(node)));
}

export function pseudoRandom(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export type StoreUnderTest = {
  store: ContentStore;
  /** Closes the store (and its node) and opens it again on the same data. */
  reopen(): Promise<ContentStore>;
  /** Closes everything and removes the data. */
  close(): Promise<void>;
};

/**
 * What every content store promises, run against each implementation (the embedded store in the
 * unit suite, a real Kubo daemon in the end-to-end suite): Kubo's CIDs, the stored bytes and root
 * block back, nothing for unknown content, and content kept across a reopen.
 */
export function describeContentStore(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(name, () => {
    let subject: StoreUnderTest;
    let store: ContentStore;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });

    afterAll(async () => {
      await subject?.close();
    });

    it("gives the CID Kubo gives (known vector: `echo 'hello world' | ipfs add --cid-version=1`)", async () => {
      const cid = await store.add(new TextEncoder().encode("hello world\n"));
      expect(cid.toString()).toBe("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    });

    it("matches the UnixFS layout Kubo uses, for one chunk, exactly 256 KiB, and several chunks", async () => {
      const empty = await store.add(new Uint8Array());
      expect(empty.toString()).toBe("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
      for (const length of [0, 1, 262_144, 262_145, 600_000, 3 * 262_144]) {
        const bytes = pseudoRandom(length);
        expect((await store.add(bytes)).toString(), `${length} bytes`).toBe(
          kuboCid(bytes).toString(),
        );
      }
    });

    it("returns the stored bytes and the root block, and nothing for unknown content", async () => {
      const bytes = pseudoRandom(600_000);
      const cid = await store.add(bytes);
      expect(await store.get(cid)).toEqual(bytes);
      const block = await store.getBlock(cid);
      expect(CID.createV1(dagPb.code, sha256(block!)).equals(cid)).toBe(true);
      const unknown = CID.createV1(raw.code, sha256(new Uint8Array([1, 2, 3])));
      expect(await store.get(unknown)).toBeUndefined();
      expect(await store.getBlock(unknown)).toBeUndefined();
      expect(store.status()).toEqual({ reachable: true, lastError: undefined });
    });

    it("keeps content across a reopen", async () => {
      const cid = await store.add(new TextEncoder().encode("durable"));
      store = await subject.reopen();
      expect(new TextDecoder().decode(await store.get(cid))).toBe("durable");
    });
  });
}
