// Minting through a browser wallet (EIP-6963), in order: the page finds the announced wallet; a
// rejected connection leaves the site unconnected; a wallet on the wrong chain is told so and
// switched with wallet_switchEthereumChain; a change of account is followed; a rejected commit
// sends nothing, a rejected reveal keeps the commitment, and the retry mints without committing
// again; the token page shows the token, owned by the wallet's account. Only the wallet's user
// interface is stubbed (injectedTestWallet.ts): its transactions are anvil's, on the real chain.
import type { Browser, Page } from "playwright-core";
import { createPublicClient, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, screenshot, screenshotIfFailed } from "./browser.ts";
import { waitForMinted, waitForPreview } from "./createPage.ts";
import { installInjectedTestWallet, testWalletUser } from "./injectedTestWallet.ts";

const siteUrl = inject("siteUrl");
const rpcUrl = inject("rpcUrl");
const MNEMONIC = "test test test test test test test test test test test junk";
// anvil's accounts 3 and 4, which no other spec sends from (0 relays, 9 funds development
// wallets): the wallet connects with 3, its user then picks 4, which mints.
const [firstAccount, mintingAccount] = [3, 4].map(
  (addressIndex) => mnemonicToAccount(MNEMONIC, { addressIndex }).address,
) as [Address, Address];
const PROMPT = "a small purple ring on black";
const WALLET = "Injected test wallet";

const chain = createPublicClient({ transport: http(rpcUrl) });
let browser: Browser;
let page: Page;
let consoleErrors: string[];
let user: ReturnType<typeof testWalletUser>;

beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject("chromium") });
  ({ page, consoleErrors } = await openPage({ browser }));
  await installInjectedTestWallet(page, {
    rpcUrl,
    accounts: [firstAccount, mintingAccount],
    startChainId: "0x1",
    name: WALLET,
  });
  user = testWalletUser(page);
});

afterEach((context) => screenshotIfFailed({ context, page, prefix: "failed-injected" }));

afterAll(async () => {
  await browser?.close();
});

const nonce = (address: Address) => chain.getTransactionCount({ address });
const failure = (kind: string) => page.locator(`[data-failure="${kind}"]`);
const sentTransactions = async () =>
  (await user.requests()).filter(
    (request) => request.method === "eth_sendTransaction" && request.outcome === "answered",
  );

describe("minting through an injected (EIP-6963) wallet", () => {
  it("generates an image to mint", async () => {
    await page.goto(siteUrl);
    await page.locator("form[data-ready] #prompt:enabled").waitFor();
    await page.locator("#prompt").fill(PROMPT);
    await page.getByTestId("generate").click();
    await waitForPreview(page);
  });

  it("offers the announced wallet, and stays unconnected when the user rejects the connection", async () => {
    const connect = page.getByRole("button", { name: WALLET });
    await connect.waitFor();
    await user.rejectNext("eth_requestAccounts");
    await connect.click();
    await failure("rejected").waitFor();
    expect(await failure("rejected").textContent()).toContain("You rejected the request");
    expect(await connect.isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Disconnect" }).count()).toBe(0);
  });

  it("tells a wallet on chain 1 it is on the wrong chain, and switches it", async () => {
    await page.getByRole("button", { name: WALLET }).click();
    await failure("wrong-chain").waitFor();
    expect(await failure("wrong-chain").textContent()).toContain("Your wallet is on chain 1;");
    expect(await page.locator(`.mint code[title="${firstAccount}"]`).count()).toBe(1);
    expect(await page.getByTestId("mint-button").count()).toBe(0);
    await screenshot(page, "create-injected-wrong-chain");

    await page.getByRole("button", { name: "Switch to chain 31337" }).click();
    await page.getByTestId("mint-button").waitFor();
    expect(await failure("wrong-chain").count()).toBe(0);
    const switches = (await user.requests()).filter(
      (request) => request.method === "wallet_switchEthereumChain",
    );
    expect(switches).toEqual([
      {
        method: "wallet_switchEthereumChain",
        params: [{ chainId: "0x7a69" }],
        outcome: "answered",
      },
    ]);
  });

  it("follows the account the user picks in the wallet", async () => {
    await user.selectAccount(mintingAccount);
    await page.locator(`.mint code[title="${mintingAccount}"]`).waitFor();
    expect(await page.getByTestId("mint-button").isEnabled()).toBe(true);
  });

  it("sends nothing when the user rejects the commit", async () => {
    const before = await nonce(mintingAccount);
    await user.rejectNext("eth_sendTransaction");
    await page.getByTestId("mint-button").click();
    await failure("rejected").waitFor();
    expect(await failure("rejected").textContent()).toBe(
      "You rejected the request in your wallet. Nothing was sent.",
    );
    expect(await nonce(mintingAccount)).toBe(before);
    expect(await page.locator(".transactions li").count()).toBe(0);
    expect(await page.locator("[data-step]").count()).toBe(0);
    expect(await page.getByTestId("mint-button").isEnabled()).toBe(true);
  });

  it("keeps the commitment when the user rejects the reveal, and the retry mints without committing again", async () => {
    const before = await nonce(mintingAccount);
    await user.rejectNext("eth_sendTransaction", 1);
    await page.getByTestId("mint-button").click();
    await page.locator(".transactions li", { hasText: "Commit" }).waitFor({ timeout: 60_000 });
    await failure("rejected").waitFor({ timeout: 60_000 });
    expect(await nonce(mintingAccount)).toBe(before + 1);
    expect(await failure("rejected").textContent()).toContain(
      "Your commitment stays on chain: mint again to reveal it, without committing again.",
    );
    expect(await page.getByTestId("mint-button").isEnabled()).toBe(true);
    await screenshot(page, "create-injected-rejected");

    await page.getByTestId("mint-button").click();
    await waitForMinted(page);
    expect(await nonce(mintingAccount)).toBe(before + 2);
    expect(await nonce(firstAccount)).toBe(0);
    const sent = await sentTransactions();
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect((request.params as [{ from: string }])[0].from.toLowerCase()).toBe(
        mintingAccount.toLowerCase(),
      );
    }
    await screenshot(page, "create-injected-minted");
  });

  it("shows the token on its page, owned by the wallet's account", async () => {
    await page.getByTestId("token-link").click();
    await page.waitForURL(/\/token\/\d+$/);
    expect(await page.getByTestId("token-prompt").textContent()).toBe(`“${PROMPT}”`);
    expect(await page.locator(`dd code[title="${mintingAccount}"]`).count()).toBe(1);
    await screenshot(page, "token-injected");
  });

  it("logged no error to the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
