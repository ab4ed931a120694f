// One chromium per spec file, pages that record console errors, and screenshots as artifacts.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ARTIFACTS = resolve(import.meta.dirname, "../../test-results/web");

/**
 * Launch flags that work as root with no network (shared/reference/toolchain.md); playwright
 * gives each launch a fresh user data directory of its own.
 */
export async function launchBrowser({
  executablePath,
}: {
  executablePath: string;
}): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type WatchedPage = { page: Page; consoleErrors: string[] };

/**
 * A page whose console errors and uncaught exceptions are collected, with the chain's RPC URL
 * set for the site (the test's anvil runs on a free port, not 8545).
 */
export async function openPage({
  browser,
  rpcUrl,
  viewport = { width: 1280, height: 900 },
}: {
  browser: Browser;
  rpcUrl: string;
  viewport?: { width: number; height: number };
}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((url) => localStorage.setItem("proofmint:rpc-url", url), rpcUrl);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  return { page, consoleErrors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
