import type { JobEvent } from "../db/schema.ts";

/**
 * The CID of the unproven preview image the render stage put in the content store: from the
 * newest `render` completion among a job's events, or undefined before one.
 */
export function previewCid(events: JobEvent[]): string | undefined {
  for (const event of [...events].reverse()) {
    if (event.type !== "stage") continue;
    const data = JSON.parse(event.data) as { stage?: unknown; previewCid?: unknown };
    if (data.stage === "render" && typeof data.previewCid === "string") return data.previewCid;
  }
  return undefined;
}
