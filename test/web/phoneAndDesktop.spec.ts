// The site as creators and collectors meet it (issue 16), at a phone's 375x812 and a desktop's
// 1280x800: where focus and the view go after "Generate and prove", the rendered image shown at
// once and marked unproven until the proof is checked, unknown words named before generating,
// the development setup shown as a warning, long token ids that never widen the page, 1-based
// error positions, what the development wallet says, the model card, gallery cards, the token
// page loading the 9.8 MB engine only when asked, and the budgets (nothing wider than the viewport,
// every control reachable by keyboard, the create page usable without waiting on a proof:
// its 1 s target is a figure of `npm run bench`, bench/web.bench.ts, not a test). Screenshots of each
// state go to test-results/web/.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, screenshot, screenshotIfFailed } from "./browser.ts";
import { waitForMinted, waitForPreview } from "./createPage.ts";

const siteUrl = inject("siteUrl");

const VIEWPORTS = [
  { name: "phone", width: 375, height: 812, prompt: "a tiny cyan heart on brown" },
  { name: "desktop", width: 1280, height: 800, prompt: "a big white diamond on purple" },
] as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject("chromium") });
});

afterAll(async () => {
  await browser?.close();
});

/** How many pixels the page is wider than its viewport (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Tabs through the page and returns the visible controls that focus never reached (described by
 * their tag and text), out of every link, button, field and summary on it.
 */
async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
      ),
    ).filter((element) => element.checkVisibility({ visibilityProperty: true }));
    controls.forEach((element, index) => (element.dataset.control = String(index)));
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  });
  const reached = new Set<string>();
  for (let press = 0; press < total + 5; press++) {
    await page.keyboard.press("Tab");
    const index = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset.control,
    );
    if (index !== undefined) reached.add(index);
  }
  return page.evaluate(
    (seen) =>
      Array.from(document.querySelectorAll<HTMLElement>("[data-control]"))
        .filter((element) => !seen.includes(element.dataset.control!))
        .map((element) => `${element.tagName} ${element.textContent?.trim().slice(0, 40)}`),
    [...reached],
  );
}

describe.each(VIEWPORTS)("at $width x $height ($name)", ({ name, width, height, prompt }) => {
  let page: Page;
  let consoleErrors: string[];
  let tokenId: string;
  const viewport = { width, height };
  const shot = (what: string) => screenshot(page, `${name}-${what}`);

  beforeAll(async () => {
    ({ page, consoleErrors } = await openPage({ browser, viewport }));
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: siteUrl,
    });
  });

  afterEach((context) => screenshotIfFailed({ context, page, prefix: `failed-${name}` }));

  afterAll(async () => {
    await page?.context().close();
  });

  it("shows the generate button above the fold on first load", async () => {
    await page.goto(siteUrl);
    await page.locator("form[data-ready] #prompt:enabled").waitFor();
    const button = await page.getByTestId("generate").boundingBox();
    expect(button!.y + button!.height).toBeLessThanOrEqual(height);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("create-first-load");
  });

  it("makes the create page usable without waiting on a proof (median of 5, fresh browser context)", async () => {
    // Measured once the provers have warmed up: they take both cores while they start.
    for (let wait = 0; wait < 240; wait++) {
      const health = (await (await fetch(`${siteUrl}/api/health`)).json()) as {
        prover: { starting: number; busy: number };
      };
      if (health.prover.starting === 0 && health.prover.busy === 0) break;
      await new Promise((done) => setTimeout(done, 1000));
    }
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const fresh = await openPage({ browser, viewport });
      await fresh.page.goto(siteUrl, { waitUntil: "commit" });
      // In the page's own clock, from the start of navigation: the driver's latency excluded.
      const usable = await fresh.page.waitForFunction(
        () =>
          document.querySelector("form[data-ready] #prompt:enabled") !== null && performance.now(),
        undefined,
        { polling: "raf" },
      );
      times.push((await usable.jsonValue()) as number);
      await fresh.page.context().close();
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`${name}: create page usable after ${times.map(Math.round).join(", ")} ms`);
    // Loose on purpose: on a loaded two-core machine a healthy page took 0.3-1.1 s; one that
    // waited on a proof (4 s and more here) before enabling the form would fail.
    expect(median).toBeLessThanOrEqual(4000);
  });

  it("names 1-based positions and the character of a bad prompt", async () => {
    await page.locator("#prompt").fill("a red cat, 12 € on blue");
    const error = page.getByTestId("prompt-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("The 15th character, “€” (U+20AC)");
    await page.locator("#prompt").fill("a café");
    expect(await error.textContent()).toContain("write it without the accent: e");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("names the words the model will not understand, with the nearest words it knows", async () => {
    await page.locator("#prompt").fill("a cute orange zqxj sitting on a blue sofa");
    const notice = page.getByTestId("unknown-words");
    await notice.waitFor();
    const unknown = await page
      .locator("[data-unknown-word]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-unknown-word")));
    // Named in the prompt's order; "a" (an article) and "on", "orange", "blue" (words the model
    // knows, from its published vocabulary) are not.
    expect(unknown).toContain("zqxj");
    expect(unknown).toContain("sitting");
    for (const known of ["a", "on", "orange", "blue"]) expect(unknown).not.toContain(known);
    await shot("create-unknown-words");

    await page.locator("#prompt").fill("A Big Red Cta on Bleu");
    await page.locator('[data-unknown-word="cta"] [data-suggestion="cat"]').click();
    await page.locator('[data-unknown-word="bleu"] [data-suggestion="blue"]').click();
    expect(await page.locator("#prompt").inputValue()).toBe("A Big Red cat on blue");
    expect(await notice.count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("moves focus and the view to the generation, and shows the image at once, unproven", async () => {
    const models = (await (await fetch(`${siteUrl}/api/models`)).json()) as {
      models: { recentProofs: { count: number } }[];
    };
    const history = models.models[0]!.recentProofs.count > 0;
    await page.reload();
    await page.locator("#prompt").fill(prompt);
    await page.getByTestId("generate").click();
    await page.waitForURL(/\?g=[0-9a-f-]{36}$/);
    const result = page.getByTestId("result");
    await result.waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute("data-testid") === "result",
    );
    const box = await result.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(-1);
    expect(box!.y).toBeLessThan(height / 2);
    if (history) await page.getByTestId("estimate").waitFor();

    const unproven = page.locator('[data-testid="preview"][data-proven="false"]');
    await unproven.waitFor({ timeout: 240_000 });
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid="preview"]');
      return image !== null && image.complete && image.naturalWidth > 0;
    });
    // Shown before the proof is checked, and said so.
    expect(await page.locator('[data-stage="verify"]').getAttribute("data-state")).not.toBe("done");
    expect(await page.getByTestId("proof-state").textContent()).toContain("Not yet proven");
    const image = await page.getByTestId("preview").boundingBox();
    expect(image!.y).toBeLessThan(height);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("create-unproven");

    await page.locator('[data-testid="preview"][data-proven="true"]').waitFor({ timeout: 240_000 });
    await waitForPreview(page);
    expect(await page.getByTestId("proof-state").textContent()).toContain("Proven");
    await shot("create-proven");
  });

  it("mints with the development wallet, which says where its key lives and never asks to confirm", async () => {
    await page.getByRole("button", { name: "Use the development wallet" }).waitFor();
    const note = page.getByTestId("dev-wallet-note");
    expect(await note.innerText()).toMatch(/this browser's storage.*local chain only/s);
    await page.getByRole("button", { name: "Use the development wallet" }).click();
    await page.getByTestId("mint-button").waitFor();
    expect(await note.innerText()).toContain("this browser's storage");
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { mintTexts: string[] }).mintTexts = seen;
      const status = document.querySelector('[data-testid="mint-status"]')!;
      new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByTestId("mint-button").click();
    await waitForMinted(page);
    const texts = await page.evaluate(
      () => (window as unknown as { mintTexts: string[] }).mintTexts,
    );
    expect(texts.join(" ")).toContain("the development wallet signs");
    expect(texts.join(" ")).not.toMatch(/confirm/i);
    tokenId = (await page.getByTestId("token-link").getAttribute("href"))!.split("/").pop()!;
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("create-minted");
  });

  it("shortens the id of an already minted prompt in the middle, with a copy button", async () => {
    await page.goto(siteUrl);
    await page.locator("#prompt").fill(prompt);
    await page.getByTestId("generate").click();
    const error = page.locator('[role="alert"][data-code="PROMPT_ALREADY_MINTED"]');
    await error.waitFor();
    const id = error.locator(`[data-long-id="${tokenId}"]`);
    expect(await id.locator("code").textContent()).toMatch(/^\d{6}…\d{6}$/);
    await id.getByRole("button", { name: "Copy the token id" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tokenId);
    const box = await error.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("create-already-minted");
  });

  it("loads the WebAssembly engine on the token page only when the visitor verifies", async () => {
    const collector = await openPage({ browser, viewport });
    const requested: string[] = [];
    collector.page.on("request", (request) => requested.push(request.url()));
    await collector.page.goto(new URL(`/token/${tokenId}`, siteUrl).href);
    await collector.page.locator('[data-testid="verify"]:enabled').waitFor();
    // Idle: the small circuit files are fetched, the engine is not.
    await collector.page.waitForLoadState("networkidle");
    await collector.page.waitForTimeout(2000);
    expect(requested.filter((url) => url.endsWith(".wasm"))).toEqual([]);
    expect(requested.some((url) => url.endsWith("/vk.key"))).toBe(true);
    expect(await overflow(collector.page)).toBeLessThanOrEqual(0);

    await collector.page.getByTestId("verify").click();
    const verdict = collector.page.getByTestId("verdict");
    await verdict.waitFor({ timeout: 180_000 });
    expect(requested.filter((url) => url.endsWith(".wasm"))).toHaveLength(1);

    // The accepted development setup is a warning: not a green check, not "passed".
    const setup = collector.page.locator('[data-link="trusted-setup"]');
    expect(await setup.getAttribute("data-status")).toBe("warning");
    expect(await setup.locator(".mark").textContent()).toBe("!");
    expect(await setup.textContent()).not.toMatch(/passed|✓/);
    expect(await verdict.getAttribute("data-passed")).toBe("true");
    expect(await verdict.textContent()).toContain("warning");
    expect(await verdict.textContent()).not.toContain("Every link passed");
    const id = collector.page.locator(`[data-long-id="${tokenId}"]`);
    expect(await id.locator("code").textContent()).toMatch(/^\d{6}…\d{6}$/);
    expect(await overflow(collector.page)).toBeLessThanOrEqual(0);
    await screenshot(collector.page, `${name}-token-verified`);
    await collector.page.context().close();
    expect(collector.consoleErrors).toEqual([]);
  });

  it("renders the model card as Markdown, labels each sample and says which proving time is which", async () => {
    await page.goto(new URL("/model", siteUrl).href);
    const markdown = page.getByTestId("model-card");
    await markdown.waitFor();
    expect(await markdown.locator("h2").count()).toBeGreaterThan(3);
    expect(await markdown.locator("pre code").count()).toBeGreaterThan(0);
    const text = (await markdown.textContent())!;
    expect(text).not.toMatch(/```|\*\*|^#+ /m);
    expect(await markdown.locator("script").count()).toBe(0);
    const labels = await page.locator('[data-testid="samples"] figcaption').allTextContents();
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.every((label) => /^“.+”$/.test(label))).toBe(true);
    await page.getByTestId("proving-here").filter({ hasText: "medians of the last" }).waitFor();
    expect(await page.getByTestId("proving-here").textContent()).toMatch(/\d(\.\d)? s/);
    expect(await page.getByTestId("proving-bench").textContent()).toContain("benchmark");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("model");
  });

  it("shows gallery cards with owner and time each on one line", async () => {
    await page.goto(new URL("/gallery", siteUrl).href);
    const card = page.locator(`[data-token-id="${tokenId}"]`);
    await card.waitFor();
    const lines = await card.locator(".meta > *").evaluateAll((items) =>
      items.map((item) => {
        const lineHeight = parseFloat(getComputedStyle(item).lineHeight);
        return item.getBoundingClientRect().height / lineHeight;
      }),
    );
    expect(lines).toHaveLength(2);
    for (const count of lines) expect(count).toBeLessThan(1.5);
    const text = await card
      .locator(".meta")
      .evaluate((meta) =>
        Array.from(meta.children, (item) => item.scrollWidth <= item.clientWidth),
      );
    expect(text).toEqual([true, true]);
    if (width >= 1280) expect((await card.boundingBox())!.width).toBeGreaterThanOrEqual(220);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot("gallery");
  });

  it("fits the viewport and reaches every control by keyboard on every page", async () => {
    for (const path of ["/", `/token/${tokenId}`, "/gallery", "/model", "/nowhere"]) {
      const fresh = await openPage({ browser, viewport });
      await fresh.page.goto(new URL(path, siteUrl).href);
      await fresh.page.locator("main h1").first().waitFor();
      await fresh.page.waitForLoadState("networkidle");
      expect(await overflow(fresh.page), path).toBeLessThanOrEqual(0);
      expect(await unreachableByKeyboard(fresh.page), path).toEqual([]);
      await fresh.page.context().close();
    }
  });

  it("logged no error to the browser console but the refused duplicate", () => {
    expect(
      consoleErrors.filter((message) => !message.includes("status of 409 (Conflict)")),
    ).toEqual([]);
  });
});
