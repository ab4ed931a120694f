// The site end to end, in order: a bad prompt is refused precisely; a prompt is generated with
// live progress, previewed, minted with the development wallet (commit, then reveal), opened on
// its token page and verified in the browser with every link passing; the gallery and the model
// page show it; phone-sized layouts do not overflow; the console stays clean.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, screenshot, screenshotIfFailed } from "./browser.ts";
import { waitForMinted, waitForPreview } from "./createPage.ts";

const siteUrl = inject("siteUrl");
const PROMPT_TYPED = "A  Big Red STAR on Blue";
const PROMPT = "a big red star on blue";

let browser: Browser;
let page: Page;
let consoleErrors: string[];
let tokenId: string;

beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject("chromium") });
  ({ page, consoleErrors } = await openPage({ browser }));
});

afterEach((context) => screenshotIfFailed({ context, page }));

afterAll(async () => {
  await browser?.close();
});

async function text(selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent())?.trim() ?? "";
}

describe("the site, end to end", () => {
  it("is cross-origin isolated, so the WebAssembly engine can run", async () => {
    await page.goto(siteUrl);
    await page.locator("form[data-ready]").waitFor();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it("shows exactly which character or length of a bad prompt is wrong, from the keyboard", async () => {
    // Keyboard only: tab to the prompt box.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.id === "prompt")) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("prompt");
    await page.keyboard.type("a red ✓ on blue");
    const error = page.getByTestId("prompt-error");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("PROMPT_INVALID_CHARACTER");
    // Positions count from 1 for people, and the character is named, not only numbered.
    expect(await error.textContent()).toContain("The 7th character, “✓” (U+2713)");
    expect(await text(".where mark")).toBe("✓");
    expect(await page.getByTestId("generate").isDisabled()).toBe(true);

    await page.locator("#prompt").fill("x".repeat(70));
    expect(await error.getAttribute("data-code")).toBe("PROMPT_TOO_LONG");
    expect(await error.textContent()).toContain("70");
    expect(await text(".where mark")).toBe("x".repeat(6));
    await screenshot(page, "create-bad-prompt");
  });

  it("offers the words the model knows", async () => {
    await page.locator("#prompt").fill("");
    await page.getByText("Words the model knows").click();
    await page.getByRole("button", { name: "red", exact: true }).click();
    await page.getByRole("button", { name: "star", exact: true }).click();
    expect(await page.locator("#prompt").inputValue()).toBe("red star");
  });

  it("generates, shows each stage with its time, and previews the image", async () => {
    await page.locator("#prompt").fill(PROMPT_TYPED);
    expect(await text(".canonical code")).toBe(PROMPT);
    await page.getByTestId("generate").click();
    await page.waitForURL(/\?g=[0-9a-f-]{36}$/);
    await page
      .locator(
        '[data-stage="prove"][data-state="running"], [data-stage="prove"][data-state="done"]',
      )
      .waitFor({ timeout: 240_000 });
    await waitForPreview(page);
    for (const stage of ["validate", "witness", "render", "prove", "verify", "store", "ready"]) {
      expect(await page.locator(`[data-stage="${stage}"]`).getAttribute("data-state")).toBe("done");
    }
    expect(await text('[data-stage="prove"] .time')).toMatch(/\d+(\.\d)? (ms|s)/);
    const loaded = await page
      .getByTestId("preview")
      .evaluate(
        (img: HTMLImageElement) =>
          img.complete && img.naturalWidth > 0 && img.naturalWidth === img.naturalHeight,
      );
    expect(loaded).toBe(true);
    await screenshot(page, "create-ready");
  });

  it("mints with the development wallet: commit, wait, reveal", async () => {
    await page.getByRole("button", { name: "Use the development wallet" }).click();
    await page.getByTestId("mint-button").click();
    await waitForMinted(page);
    expect(await page.locator(".transactions li").count()).toBe(2);
    await screenshot(page, "create-minted");
    const href = await page.getByTestId("token-link").getAttribute("href");
    tokenId = href!.split("/").pop()!;
  });

  it("opens the token page and verifies every link in the browser", async () => {
    await page.getByTestId("token-link").click();
    await page.waitForURL(`**/token/${tokenId}`);
    expect(await text('[data-testid="token-prompt"]')).toBe(`“${PROMPT}”`);
    await page.getByTestId("verify").click();
    const verdict = page.getByTestId("verdict");
    await verdict.waitFor({ timeout: 180_000 });
    const statuses = await page
      .locator("[data-link]")
      .evaluateAll((items) =>
        items.map(
          (item) => `${item.getAttribute("data-link")}: ${item.getAttribute("data-status")}`,
        ),
      );
    expect(statuses).toHaveLength(9);
    // The development setup accepted for the local chain is a warning, never a pass.
    expect(statuses.filter((status) => !status.endsWith(": passed"))).toEqual([
      "trusted-setup: warning",
    ]);
    expect(await verdict.getAttribute("data-passed")).toBe("true");
    expect(await verdict.getAttribute("data-warnings")).toBe("1");
    for (const name of ["Metadata", "Proof", "Raw output"]) {
      const link = page.getByRole("link", { name, exact: true });
      const response = await page.request.get(
        new URL((await link.getAttribute("href"))!, siteUrl).href,
      );
      expect(response.status(), name).toBe(200);
    }
    await screenshot(page, "token");
  });

  it("lists the new token in the gallery, newest first", async () => {
    await page.locator("header nav a", { hasText: "Gallery" }).click();
    const card = page.locator(`[data-token-id="${tokenId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(PROMPT);
    expect(await page.locator("[data-token-id]").first().getAttribute("data-token-id")).toBe(
      tokenId,
    );
    await screenshot(page, "gallery");
  });

  it("shows the model card with the model id the collection stores", async () => {
    await page.locator("header nav a", { hasText: "Model" }).click();
    expect(await text('[data-testid="model-id"]')).toBe(inject("modelId"));
    await page
      .locator("dd code", { hasText: /^0x[0-9a-fA-F]{40}$/ })
      .first()
      .waitFor();
    await screenshot(page, "model");
  });

  it("fits a phone-sized screen", async () => {
    const phone = await openPage({ browser, viewport: { width: 375, height: 740 } });
    for (const [path, name] of [
      ["/", "phone-create"],
      [`/token/${tokenId}`, "phone-token"],
      ["/gallery", "phone-gallery"],
      ["/model", "phone-model"],
    ] as const) {
      await phone.page.goto(new URL(path, siteUrl).href);
      await phone.page.locator("main h1").first().waitFor();
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(phone.page, name);
    }
    await phone.page.context().close();
    expect(phone.consoleErrors).toEqual([]);
  });

  it("logged no error to the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("refuses a prompt that is already minted, with a link to its token", async () => {
    await page.locator("header nav a", { hasText: "Create" }).click();
    await page.locator("#prompt").fill(PROMPT);
    await page.getByTestId("generate").click();
    const error = page.locator('[role="alert"][data-code="PROMPT_ALREADY_MINTED"]');
    await error.waitFor();
    expect(await error.locator("a").getAttribute("href")).toBe(`/token/${tokenId}`);
    // Chromium logs the refused request's status; nothing else may appear.
    expect(consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 409 (Conflict)",
    ]);
  });
});
