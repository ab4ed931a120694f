import { createHash } from "node:crypto";
import { CID } from "multiformats/cid";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import type { ContentStore } from "../ipfs/contentStore.ts";
import { partialServices } from "./partialServices.ts";

/**
 * The gateway route `GET /ipfs/:cid` over a content store: the embedded one in the unit suite
 * (server/src/ipfs/ipfs.test.ts), a real Kubo daemon in the end-to-end suite.
 */
export function describeGateway(name: string, openStore?: () => Promise<ContentStore>): void {
  describe(name, () => {
    let app: ReturnType<typeof createApp>;
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    let pngCid: string;
    let jsonCid: string;
    let binCid: string;

    beforeAll(async () => {
      const store = openStore === undefined ? undefined : await openStore();
      const services = await partialServices({}, store === undefined ? {} : { store });
      app = createApp({ services });
      pngCid = (await services.store.add(png)).toString();
      jsonCid = (await services.store.add(new TextEncoder().encode('{"name":"x"}\n'))).toString();
      binCid = (await services.store.add(Uint8Array.from([0, 1, 2]))).toString();
    });

    it("serves content with its sniffed type, the CID as ETag and immutable caching", async () => {
      const response = await app.request(`/ipfs/${pngCid}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("etag")).toBe(`"${pngCid}"`);
      expect(response.headers.get("cache-control")).toContain("immutable");
      expect(response.headers.get("x-ipfs-path")).toBe(`/ipfs/${pngCid}`);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
      expect((await app.request(`/ipfs/${jsonCid}`)).headers.get("content-type")).toBe(
        "application/json",
      );
      expect((await app.request(`/ipfs/${binCid}`)).headers.get("content-type")).toBe(
        "application/octet-stream",
      );
    });

    it("answers 304 to If-None-Match with the CID", async () => {
      const response = await app.request(`/ipfs/${pngCid}`, {
        headers: { "If-None-Match": `"${pngCid}"` },
      });
      expect(response.status).toBe(304);
    });

    it("serves the raw block, which hashes to the CID", async () => {
      const response = await app.request(`/ipfs/${pngCid}?format=raw`);
      expect(response.headers.get("content-type")).toBe("application/vnd.ipld.raw");
      const block = new Uint8Array(await response.arrayBuffer());
      const cid = CID.parse(pngCid);
      expect(createHash("sha256").update(block).digest()).toEqual(
        Buffer.from(cid.multihash.digest),
      );
    });

    it("rejects what is not a CID with 400 and unknown content with 404, as JSON errors", async () => {
      const invalid = await app.request("/ipfs/not-a-cid");
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({ error: { code: "INVALID_CID" } });
      const unknown = await app.request(
        "/ipfs/bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
      );
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: "CONTENT_NOT_FOUND" } });
      expect((await app.request(`/ipfs/${pngCid}?format=car`)).status).toBe(400);
    });
  });
}
