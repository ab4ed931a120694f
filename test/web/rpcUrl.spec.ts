import type { ApiSchema } from "@proofmint/core";
// The chain's RPC URL in browsers, in order: /api/models announces RPC_URL when PUBLIC_RPC_URL is
// unset, and the token page verifies through it, naming the RPC node and IPFS gateway it used; a
// collector's own node is refused when malformed, silent or on another chain, used when given
// (a node without the collection fails the verification, the platform's anvil passes it) and
// remembered; a server with PUBLIC_RPC_URL announces that instead and the site reads through it;
// a malformed PUBLIC_RPC_URL stops the server at start-up, naming it.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  startAnvil,
  startServerProcess,
  type RunningAnvil,
  type ServerProcess,
} from "@proofmint/server/platform";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, screenshot, screenshotIfFailed } from "./browser.ts";
import { ROOT } from "./startPlatform.ts";

const siteUrl = inject("siteUrl");
const rpcUrl = inject("rpcUrl");
const PROMPT = "a huge orange cross on white";
// Receives the token by relayed mint; it never sends a transaction.
const COLLECTOR = "0x00000000000000000000000000000000000C0113";
const STORAGE_KEY = "proofmint:verify-rpc-url";

let browser: Browser;
let page: Page;
let consoleErrors: string[];
let tokenId: string;
let otherAnvil: RunningAnvil | undefined;
let otherServer: ServerProcess | undefined;
const dataDirs: string[] = [];

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

/** Polls `read` every 300 ms until it returns a value, or throws after `timeoutMs`. */
async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 300));
  }
}

/** A token minted by the relayer, indexed by the server at `url`. */
async function mintToken(url: string): Promise<string> {
  const created = await fetch(`${url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: PROMPT, recipient: COLLECTOR }),
  });
  expect(created.status).toBe(202);
  const { id } = (await created.json()) as { id: string };
  const minted = await poll(
    "the relayed mint",
    async () => {
      const { body } = await getJson<ApiSchema<"Generation">>(`${url}/api/generations/${id}`);
      if (body.status === "failed") throw new Error(`generation failed: ${JSON.stringify(body)}`);
      return body.status === "minted" ? body : undefined;
    },
    300_000,
  );
  return minted.tokenId;
}

/** A data folder for another server, holding the platform server's IPFS blocks. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "proofmint-web-rpc-"));
  dataDirs.push(dir);
  await cp(join(inject("serverEnv").DATA_DIR!, "blocks"), join(dir, "blocks"), {
    recursive: true,
  });
  return dir;
}

/** A loopback URL nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

const verifyEnabled = (on: Page, timeout: number) =>
  on.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid="verify"]')?.disabled,
    undefined,
    { timeout },
  );

/** Verifies on the open token page (the click disables the button until it is over). */
async function verify(on: Page = page) {
  await verifyEnabled(on, 30_000);
  await on.getByTestId("verify").click();
  await verifyEnabled(on, 120_000);
  return on.getByTestId("verdict");
}

/** Offers `url` as the collector's own node in the token page's RPC control. */
async function chooseRpc(url: string): Promise<void> {
  const summary = page.locator(".rpc summary");
  if ((await page.locator(".rpc[open]").count()) === 0) await summary.click();
  await page.getByLabel("Verify through your own JSON-RPC node").fill(url);
  await page.getByRole("button", { name: "Use this node" }).click();
  await page.getByRole("button", { name: "Use this node" }).waitFor();
}

const sameOrigin = (a: string, b: string) => new URL(a).origin === new URL(b).origin;
const storedRpcUrl = () => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
const normalised = (value: string | null) => value?.replace(/\s+/g, " ").trim() ?? "";
const text = async (testId: string, on: Page = page) =>
  normalised(await on.getByTestId(testId).textContent());
const rpcSummary = async () => normalised(await page.locator(".rpc summary").textContent());

beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject("chromium") });
  ({ page, consoleErrors } = await openPage({ browser }));
  tokenId = await mintToken(siteUrl);
});

afterEach((context) => screenshotIfFailed({ context, page, prefix: "failed-rpc" }));

afterAll(async () => {
  await browser?.close();
  await otherServer?.stop();
  await otherAnvil?.stop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe("the chain's RPC URL in browsers", () => {
  it("is announced by /api/models (RPC_URL, PUBLIC_RPC_URL being unset), as the OpenAPI document says", async () => {
    const { body } = await getJson<{ models: { rpcUrl: string }[] }>(`${siteUrl}/api/models`);
    expect(body.models[0]!.rpcUrl).toBe(rpcUrl);
    const openapi = await getJson<{
      components: {
        schemas: { Model: { properties: Record<string, unknown>; required: string[] } };
      };
    }>(`${siteUrl}/api/openapi.json`);
    const model = openapi.body.components.schemas.Model;
    expect(model.properties.rpcUrl).toMatchObject({ type: "string", format: "uri" });
    expect(model.required).toContain("rpcUrl");
  });

  it("is the one the token page verifies through, and the report names it and the gateway", async () => {
    const rpcRequests: string[] = [];
    page.on("request", (request) => {
      if (sameOrigin(request.url(), rpcUrl)) rpcRequests.push(request.url());
    });
    await page.goto(`${siteUrl}/token/${tokenId}`);
    expect(await text("rpc-in-use")).toBe(rpcUrl);
    const verdict = await verify();
    expect(await verdict.getAttribute("data-passed")).toBe("true");
    expect(await text("checked-against")).toBe(
      `Checked through the RPC node ${rpcUrl} (this platform's) and the IPFS gateway ${new URL(siteUrl).origin}.`,
    );
    expect(rpcRequests.length).toBeGreaterThan(0);
  });

  it("refuses a malformed URL and a node that does not answer, and keeps neither", async () => {
    await chooseRpc("127.0.0.1:8545 please");
    expect(await text("rpc-error")).toBe(
      "“127.0.0.1:8545 please” is not an http(s) URL. Enter one such as https://rpc.example.org or http://127.0.0.1:8545.",
    );
    expect(await page.locator("#rpc-url").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "token-rpc-malformed");

    const silent = await closedPortUrl();
    const logged = consoleErrors.length;
    await chooseRpc(silent);
    expect(await text("rpc-error")).toBe(
      `${silent} did not answer. Is the node running, and does it accept requests from this site (CORS)?`,
    );
    expect(await storedRpcUrl()).toBeNull();
    expect(await text("rpc-in-use")).toBe(rpcUrl);
    // Chromium logs each refused connection (the first try and the client's retries); nothing else.
    const refused = consoleErrors.splice(logged);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(
      new Set(["Failed to load resource: net::ERR_CONNECTION_REFUSED"]),
    );
  });

  it("verifies through the collector's own node: one without the collection fails the check", async () => {
    // A fresh anvil: the same chain id (31337), but not the chain the collection is on.
    otherAnvil = await startAnvil({ port: 0 });
    await chooseRpc(otherAnvil.rpcUrl);
    expect(await page.getByTestId("rpc-error").count()).toBe(0);
    expect(await storedRpcUrl()).toBe(otherAnvil.rpcUrl);
    expect(await text("rpc-in-use")).toBe(otherAnvil.rpcUrl);
    const verdict = await verify();
    expect(await verdict.getAttribute("data-passed")).toBe("false");
    expect(await page.locator('[data-link="erc7007-interface"]').getAttribute("data-status")).toBe(
      "failed",
    );
    expect(await text("checked-against")).toContain(`RPC node ${otherAnvil.rpcUrl} (yours)`);
  });

  it("refuses a node on another chain, when chosen and when verifying", async () => {
    const response = await fetch(otherAnvil!.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_setChainId", params: [1] }),
    });
    expect(((await response.json()) as { error?: unknown }).error).toBeUndefined();
    const wrongChain = `${otherAnvil!.rpcUrl} serves chain 1, but this collection is on chain 31337.`;
    await verify();
    expect(await text("verify-error")).toBe(`Verification could not run: ${wrongChain}`);
    await chooseRpc(otherAnvil!.rpcUrl);
    expect(await text("rpc-error")).toBe(wrongChain);
    await screenshot(page, "token-rpc-wrong-chain");
  });

  it("passes against the platform's anvil given explicitly, remembers it, and goes back", async () => {
    await chooseRpc(rpcUrl);
    expect(await page.getByTestId("rpc-error").count()).toBe(0);
    expect(await storedRpcUrl()).toBe(rpcUrl);
    await page.reload();
    expect(await rpcSummary()).toBe(`RPC node: ${rpcUrl} (yours)`);
    const verdict = await verify();
    expect(await verdict.getAttribute("data-passed")).toBe("true");
    expect(await text("checked-against")).toContain(`RPC node ${rpcUrl} (yours)`);
    await screenshot(page, "token-rpc-own");

    await page.locator(".rpc summary").click();
    await page.getByRole("button", { name: "Use this platform's again" }).click();
    expect(await rpcSummary()).toBe(`RPC node: ${rpcUrl} (this platform's)`);
    expect(await storedRpcUrl()).toBeNull();
  });

  it("logged no error to the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});

describe("PUBLIC_RPC_URL", () => {
  it("is announced instead of RPC_URL, and the site reads the chain through it", async () => {
    // The same anvil under another name, so what the browser uses shows which URL it was given.
    const publicRpcUrl = rpcUrl.replace("127.0.0.1", "localhost");
    otherServer = await startServerProcess({
      root: ROOT,
      env: { ...inject("serverEnv"), DATA_DIR: await dataDir(), PUBLIC_RPC_URL: publicRpcUrl },
    });
    const { body } = await getJson<{ models: { rpcUrl: string }[] }>(
      `${otherServer.url}/api/models`,
    );
    expect(body.models[0]!.rpcUrl).toBe(publicRpcUrl);

    await poll(
      "the second server to index the token",
      async () =>
        (await fetch(`${otherServer!.url}/api/tokens/${tokenId}`)).status === 200 || undefined,
      60_000,
    );
    const other = await openPage({ browser });
    const rpcRequests: string[] = [];
    other.page.on("request", (request) => rpcRequests.push(request.url()));
    await other.page.goto(`${otherServer.url}/token/${tokenId}`);
    const verdict = await verify(other.page);
    expect(await verdict.getAttribute("data-passed")).toBe("true");
    expect(await text("checked-against", other.page)).toContain(
      `RPC node ${publicRpcUrl} (this platform's)`,
    );
    expect(rpcRequests.some((url) => sameOrigin(url, publicRpcUrl))).toBe(true);
    expect(rpcRequests.some((url) => sameOrigin(url, rpcUrl))).toBe(false);
    await other.page.context().close();
    expect(other.consoleErrors).toEqual([]);
  });

  it("stops the server at start-up when malformed, naming it", async () => {
    const failure = await startServerProcess({
      root: ROOT,
      env: { ...inject("serverEnv"), DATA_DIR: await dataDir(), PUBLIC_RPC_URL: "localhost:8545" },
    }).then(
      async (server) => {
        await server.stop();
        throw new Error("the server started with a malformed PUBLIC_RPC_URL");
      },
      (error: unknown) => error as Error & { details: { logs: string } },
    );
    expect(failure.message).toContain("exited (2)");
    expect(failure.details.logs).toContain(
      'PUBLIC_RPC_URL: must be an http(s) URL that browsers can reach, e.g. https://rpc.example.org (got "localhost:8545")',
    );
  });
});
