// One chromium per spec file, pages that record console errors, and screenshots as artifacts.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { TestContext } from "vitest";

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
 * A page whose console errors and uncaught exceptions are collected. The site reads the chain
 * through the RPC URL that /api/models announces; `rpcUrl`, when given, is the collector's own
 * node for the token page's verification, as if chosen there.
 */
export async function openPage({
  browser,
  rpcUrl,
  viewport = { width: 1280, height: 900 },
}: {
  browser: Browser;
  rpcUrl?: string | undefined;
  viewport?: { width: number; height: number };
}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  if (rpcUrl !== undefined) {
    await context.addInitScript(
      (url) => localStorage.setItem("proofmint:verify-rpc-url", url),
      rpcUrl,
    );
  }
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

/** For `afterEach`: a screenshot of `page`, named after the test, when the test failed. */
export async function screenshotIfFailed({
  context,
  page,
  prefix = "failed",
}: {
  context: TestContext;
  page: Page | undefined;
  prefix?: string;
}): Promise<void> {
  if (context.task.result?.state !== "fail" || page === undefined) return;
  await screenshot(
    page,
    `${prefix}-${context.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`,
  );
}
