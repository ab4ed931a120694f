import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { describe, expect, it } from "vitest";
import { fetchIpfs } from "./fetchIpfs.ts";

async function rawBlock(bytes: Uint8Array) {
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes };
}

/** A stubbed gateway (a Map of blocks), so the CID checks can be fed bad blocks on purpose. */
function stubGateway(blocks: Map<string, Uint8Array>) {
  const requests: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    requests.push(url.pathname + url.search);
    const block = blocks.get(url.pathname.replace("/ipfs/", ""));
    return block === undefined
      ? new Response("", { status: 404 })
      : new Response(new Uint8Array(block));
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe("fetchIpfs with a stubbed gateway", () => {
  const text = new TextEncoder().encode("hello proofmint");

  it("returns a raw block that hashes to its CID, asking for the raw block", async () => {
    const { cid, bytes } = await rawBlock(text);
    const { fetch, requests } = stubGateway(new Map([[cid.toString(), bytes]]));
    const fetched = await fetchIpfs({ gateway: "http://gw/", uri: `ipfs://${cid}`, fetch });
    expect(fetched).toEqual(text);
    expect(requests).toEqual([`/ipfs/${cid}?format=raw`]);
  });

  it("rejects bytes that do not hash to the CID, and reports a missing block", async () => {
    const { cid } = await rawBlock(text);
    const other = new TextEncoder().encode("hello forgery");
    const tampered = stubGateway(new Map([[cid.toString(), other]]));
    await expect(
      fetchIpfs({ gateway: "http://gw", uri: cid.toString(), fetch: tampered.fetch }),
    ).rejects.toMatchObject({ code: "IPFS_HASH_MISMATCH" });
    const empty = stubGateway(new Map());
    await expect(
      fetchIpfs({ gateway: "http://gw", uri: cid.toString(), fetch: empty.fetch }),
    ).rejects.toMatchObject({ code: "IPFS_NOT_FOUND" });
    await expect(fetchIpfs({ gateway: "http://gw", uri: "ipfs://nope" })).rejects.toMatchObject({
      code: "IPFS_INVALID_CID",
    });
  });

  it("reassembles a UnixFS file from verified leaves, within maxBytes", async () => {
    const left = await rawBlock(text.slice(0, 5));
    const right = await rawBlock(text.slice(5));
    const file = new UnixFS({ type: "file", blockSizes: [5n, BigInt(text.length - 5)] });
    const node = dagPb.encode(
      dagPb.prepare({
        Data: file.marshal(),
        Links: [left, right].map(({ cid, bytes }) => ({ Hash: cid, Tsize: bytes.length })),
      }),
    );
    const root = CID.createV1(dagPb.code, await sha256.digest(node));
    const blocks = new Map([
      [root.toString(), node],
      [left.cid.toString(), left.bytes],
      [right.cid.toString(), right.bytes],
    ]);
    const { fetch } = stubGateway(blocks);
    expect(await fetchIpfs({ gateway: "http://gw", uri: root.toString(), fetch })).toEqual(text);
    await expect(
      fetchIpfs({ gateway: "http://gw", uri: root.toString(), fetch, maxBytes: 8 }),
    ).rejects.toMatchObject({ code: "IPFS_TOO_LARGE" });
  });
});
