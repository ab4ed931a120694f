// Waits on the create page that end in an outcome or in the failure the page shows, which then
// fails the test with the page's own message.
import type { Page } from "playwright-core";
import { expect } from "vitest";

async function waitForOutcome(page: Page, outcome: string, failure: string, timeout: number) {
  await page.locator(`${outcome}, ${failure}`).first().waitFor({ timeout });
  expect(await page.locator(failure).allTextContents()).toEqual([]);
}

/**
 * Waits for the generation's image as stored on IPFS (the proof and IPFS stages included); the
 * rendered image shows earlier, marked not yet proven.
 */
export const waitForPreview = (page: Page) =>
  waitForOutcome(
    page,
    '[data-testid="preview"][data-stored="true"]',
    '.progress [role="alert"]',
    300_000,
  );

/** Waits for the mint panel's link to the minted token (commit, wait, reveal, indexer). */
export const waitForMinted = (page: Page) =>
  waitForOutcome(page, '[data-testid="token-link"]', "[data-failure]", 180_000);
