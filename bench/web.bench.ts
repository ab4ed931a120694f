// The site's speed in Debian's chromium against the whole platform: how soon the create page and
// the token page are usable, what opening the token page downloads, and how long "Verify in your
// browser" takes for a minted token (every link), with the engine loaded on demand (by the click)
// and preloaded (as loading it when the page is idle would), first on the page and again, timed by
// the driver and in the page, with the longest task that held up the page's thread meanwhile.
// `npx tsx bench/web.bench.ts <out.json>`.
import { writeFileSync } from "node:fs";
import { ensureChromium } from "../test/web/ensureChromium.mjs";
import { launchBrowser, openPage } from "../test/web/browser.ts";
import { startPlatform } from "../test/web/startPlatform.ts";
import { median, round } from "./statistics.ts";

const out = process.argv[2];
if (!out) throw new Error("usage: npx tsx bench/web.bench.ts <out.json>");
// anvil's account 1 (public test mnemonic) receives the relayed mint.
const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const RUNS = 5;

/** What the page records about one verification, in its own clock (ms). */
type Watched = { verification: { clicked: number; verdict: number; longestTask: number } };

async function mintedToken(siteUrl: string): Promise<string> {
  const response = await fetch(`${siteUrl}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "a huge green heart on black", recipient: RECIPIENT }),
  });
  const { id } = (await response.json()) as { id: string };
  const deadline = Date.now() + 300_000;
  for (;;) {
    const generation = (await (await fetch(`${siteUrl}/api/generations/${id}`)).json()) as {
      status: string;
      tokenId: string;
      error: unknown;
    };
    if (generation.status === "minted") {
      const token = await fetch(`${siteUrl}/api/tokens/${generation.tokenId}`);
      if (token.ok) return generation.tokenId;
    }
    if (generation.status === "failed" || Date.now() > deadline) {
      throw new Error(`generation ${id}: ${generation.status} ${JSON.stringify(generation.error)}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

const executablePath = ensureChromium();
const platform = await startPlatform();
const browser = await launchBrowser({ executablePath });
try {
  // The provers warm up (one proof each) as the server starts, taking both cores: wait them out.
  for (let wait = 0; wait < 240; wait++) {
    const health = (await (await fetch(`${platform.siteUrl}/api/health`)).json()) as {
      prover: { starting: number; busy: number };
    };
    if (health.prover.starting === 0 && health.prover.busy === 0) break;
    await new Promise((done) => setTimeout(done, 1000));
  }
  const usable: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { page } = await openPage({ browser });
    const started = performance.now();
    await page.goto(platform.siteUrl);
    await page.locator("form[data-ready] #prompt:enabled").waitFor();
    usable.push(performance.now() - started);
    await page.context().close();
  }

  const tokenId = await mintedToken(platform.siteUrl);

  // The token page: how soon "Verify" can be clicked, and what opening it downloads (the engine's
  // 9.8 MB wasm must not be among it).
  const tokenUsable: number[] = [];
  const tokenBytes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { page } = await openPage({ browser });
    const started = performance.now();
    await page.goto(`${platform.siteUrl}/token/${tokenId}`);
    await page.locator('[data-testid="verify"]:enabled').waitFor();
    tokenUsable.push(performance.now() - started);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    tokenBytes.push(
      await page.evaluate(() =>
        [
          performance.getEntriesByType("navigation")[0] as PerformanceResourceTiming,
          ...(performance.getEntriesByType("resource") as PerformanceResourceTiming[]),
        ].reduce((sum, entry) => sum + (entry?.encodedBodySize ?? 0), 0),
      ),
    );
    await page.context().close();
  }

  // Verification, two ways of loading the engine: on demand (the click starts it: what the site
  // does, bar the pointer's approach) and preloaded (started before the click and given time to
  // download and compile: what loading it when the page is idle would give). First click on the
  // page, then again.
  const samples = () => ({
    cold: [] as number[],
    warm: [] as number[],
    pageCold: [] as number[],
    pageWarm: [] as number[],
    blockedCold: [] as number[],
    blockedWarm: [] as number[],
  });
  const modes = { "on demand": samples(), preloaded: samples() };
  for (let run = 0; run < RUNS; run++) {
    for (const [mode, times] of Object.entries(modes)) {
      const { page, consoleErrors } = await openPage({ browser });
      await page.goto(`${platform.siteUrl}/token/${tokenId}`);
      const button = page.getByTestId("verify");
      await page.locator('[data-testid="verify"]:enabled').waitFor();
      if (mode === "preloaded") {
        const wasm = page.waitForEvent("requestfinished", (request) =>
          request.url().endsWith(".wasm"),
        );
        await button.hover();
        await wasm;
        // Streaming compilation ends with the download, give or take; the workers start too.
        await page.waitForTimeout(1500);
      }
      for (const [cold, inPage, blocked] of [
        [times.cold, times.pageCold, times.blockedCold],
        [times.warm, times.pageWarm, times.blockedWarm],
      ] as const) {
        await page.waitForFunction(
          () => !document.querySelector<HTMLButtonElement>('[data-testid="verify"]')?.disabled,
        );
        await page.evaluate(() => {
          const watched = window as unknown as Watched & { tasks?: PerformanceObserver };
          watched.verification = { clicked: 0, verdict: 0, longestTask: 0 };
          const verification = watched.verification;
          watched.tasks?.disconnect();
          watched.tasks = new PerformanceObserver((list) => {
            for (const task of list.getEntries()) {
              verification.longestTask = Math.max(verification.longestTask, task.duration);
            }
          });
          watched.tasks.observe({ type: "longtask" });
          addEventListener("click", (event) => (verification.clicked = event.timeStamp), {
            capture: true,
            once: true,
          });
          // The verdict of the previous verification, if any, is replaced by a new element.
          const previous = document.querySelector('[data-testid="verdict"]');
          const verdict = new MutationObserver(() => {
            const current = document.querySelector('[data-testid="verdict"]');
            if (current === null || current === previous) return;
            verification.verdict = performance.now();
            verdict.disconnect();
          });
          verdict.observe(document.body, { childList: true, subtree: true });
        });
        const started = performance.now();
        await button.click();
        // Checked on every frame: a locator's waitFor polls every 500 ms after its first few
        // tries, which delays noticing the verdict of a page that stays responsive meanwhile.
        await page.waitForFunction(
          () => document.querySelector('[data-testid="verdict"]') !== null,
          undefined,
          { polling: "raf", timeout: 120_000 },
        );
        cold.push(performance.now() - started);
        const { clicked, verdict, longestTask } = await page.evaluate(
          () => (window as unknown as Watched).verification,
        );
        inPage.push(verdict - clicked);
        blocked.push(longestTask);
        if ((await page.getByTestId("verdict").getAttribute("data-passed")) !== "true") {
          throw new Error(`verification did not pass: ${consoleErrors.join("; ")}`);
        }
      }
      await page.context().close();
    }
  }

  const metrics = [
    {
      name: "create page usable (fresh context), median",
      value: round(median(usable)),
      unit: "ms",
      target: "<= 1000",
    },
    { name: "create page usable, max", value: round(Math.max(...usable)), unit: "ms" },
    {
      name: "token page: Verify usable (fresh context), median",
      value: round(median(tokenUsable)),
      unit: "ms",
    },
    {
      name: "token page: bytes downloaded on opening (engine not included), median",
      value: round(median(tokenBytes) / 1024),
      unit: "KiB",
    },
    ...Object.entries(modes).flatMap(([mode, times]) => [
      {
        name: `verify in browser, engine ${mode}, first on the page, median`,
        value: round(median(times.cold)),
        unit: "ms",
        target: "<= 2000",
      },
      {
        name: `verify in browser, engine ${mode}, again on the same page, median`,
        value: round(median(times.warm)),
        unit: "ms",
        target: "<= 2000",
      },
      {
        name: `verify in browser, engine ${mode}, first, click to verdict timed in the page, median`,
        value: round(median(times.pageCold)),
        unit: "ms",
      },
      {
        name: `verify in browser, engine ${mode}, again, click to verdict timed in the page, median`,
        value: round(median(times.pageWarm)),
        unit: "ms",
      },
      {
        name: `longest task on the page's thread while verifying, engine ${mode}, first, median`,
        value: round(median(times.blockedCold)),
        unit: "ms",
      },
    ]),
  ];
  writeFileSync(out, `${JSON.stringify({ metrics }, null, 2)}\n`);
  for (const metric of metrics) console.log(`${metric.name}: ${metric.value} ${metric.unit}`);
} finally {
  await browser.close();
  await platform.stop();
}
