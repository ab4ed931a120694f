import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CID } from "multiformats/cid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KuboContentStore } from "./kuboContentStore.ts";

// A stub of Kubo's RPC API that records requests: it checks exactly what the adapter sends (the
// import parameters that make Kubo's CIDs the embedded store's) and how it reads not-found and an
// absent node, which a real daemon cannot be made to show on cue. The adapter against a real
// daemon, built from the Go module proxy, is in test/e2e/kubo.test.ts.
describe("KuboContentStore against a stub Kubo RPC API (records the requests it sends)", () => {
  const requests: URL[] = [];
  let server: Server;
  let store: KuboContentStore;
  const cid = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url!, "http://stub");
      requests.push(url);
      request.resume();
      request.on("end", () => {
        if (url.pathname === "/api/v0/add") {
          response.setHeader("content-type", "application/json");
          response.end(JSON.stringify({ Name: cid, Hash: cid, Size: "12" }));
        } else if (url.pathname === "/api/v0/cat" && url.searchParams.get("arg") === cid) {
          response.end("hello world\n");
        } else {
          response.statusCode = 500;
          response.setHeader("content-type", "application/json");
          response.end(
            JSON.stringify({
              Message: "block was not found locally (offline)",
              Code: 0,
              Type: "error",
            }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    store = new KuboContentStore({ url: `http://127.0.0.1:${port}` });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("adds with the embedded store's import parameters, pinned", async () => {
    const added = await store.add(new TextEncoder().encode("hello world\n"));
    expect(added.toString()).toBe(cid);
    const add = requests.find((url) => url.pathname === "/api/v0/add")!;
    expect(Object.fromEntries(add.searchParams)).toMatchObject({
      "cid-version": "1",
      "raw-leaves": "true",
      chunker: "size-262144",
      trickle: "false",
      hash: "sha2-256",
      pin: "true",
    });
  });

  it("reads offline, and maps Kubo's not-found to undefined", async () => {
    expect(new TextDecoder().decode(await store.get(CID.parse(cid)))).toBe("hello world\n");
    const cat = requests.find((url) => url.pathname === "/api/v0/cat")!;
    expect(cat.searchParams.get("offline")).toBe("true");
    const missing = CID.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    expect(await store.get(missing)).toBeUndefined();
    expect(await store.getBlock(missing)).toBeUndefined();
    expect(store.status()).toEqual({ reachable: true, lastError: undefined });
  });

  it("names IPFS_API_URL and the URL when no node answers, at start and later", async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    const connecting = KuboContentStore.connect({ url: closed });
    await expect(connecting).rejects.toMatchObject({ code: "CONTENT_STORE_UNAVAILABLE" });
    await expect(connecting).rejects.toThrow(`IPFS_API_URL: no Kubo RPC API answers at ${closed}`);

    const away = new KuboContentStore({ url: closed });
    const adding = away.add(new TextEncoder().encode("hello world\n"));
    await expect(adding).rejects.toMatchObject({
      code: "CONTENT_STORE_UNAVAILABLE",
      details: { setting: "IPFS_API_URL", url: closed },
    });
    expect(away.status()).toMatchObject({ reachable: false });
    expect(away.status().lastError).toMatch(/IPFS_API_URL.*does not answer: ECONNREFUSED/);
  });
});
