import type { ApiSchema } from "@proofmint/core";
import { parseGenerationEvents, type GenerationEvent } from "@proofmint/sdk";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { partialServices } from "../testing/partialServices.ts";

/** The events of an SSE response, read to its end. */
async function readEvents(response: Response): Promise<GenerationEvent[]> {
  const events: GenerationEvent[] = [];
  for await (const event of parseGenerationEvents({ body: response.body! })) events.push(event);
  return events;
}

describe("generations API: input checked at the door (no chain or prover involved)", async () => {
  const services = await partialServices({ MAX_BODY_BYTES: "2048" });
  const app = createApp({ services });
  const post = (
    body: string,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) => app.request("/api/generations", { method: "POST", body, headers });

  it.each([
    ["empty", { prompt: "" }, "PROMPT_EMPTY"],
    ["too long", { prompt: "a".repeat(65) }, "PROMPT_TOO_LONG"],
    ["a character outside the alphabet", { prompt: "café au lait" }, "PROMPT_INVALID_CHARACTER"],
    ["upper case (normalisable)", { prompt: "A Red Fox" }, "PROMPT_NOT_CANONICAL"],
    ["a double space (normalisable)", { prompt: "a  red fox" }, "PROMPT_NOT_CANONICAL"],
    ["not a string", { prompt: 42 }, "INVALID_REQUEST"],
    ["missing", {}, "INVALID_REQUEST"],
    ["an unknown field", { prompt: "a fox", colour: "red" }, "INVALID_REQUEST"],
    ["a bad recipient", { prompt: "a fox", recipient: "0x1234" }, "INVALID_REQUEST"],
  ])("refuses a prompt that is %s with 400 and a code", async (_, body, code) => {
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(10);
  });

  it("names the position and character, and suggests the canonical form", async () => {
    const invalid = (await (await post(JSON.stringify({ prompt: "café" }))).json()) as {
      error: { details: Record<string, unknown> };
    };
    expect(invalid.error.details).toMatchObject({ position: 3, char: "é", codePoint: "U+00E9" });
    const normalisable = (await (await post(JSON.stringify({ prompt: " A Red Fox" }))).json()) as {
      error: { message: string; details: Record<string, unknown> };
    };
    expect(normalisable.error.details.canonical).toBe("a red fox");
    expect(normalisable.error.message).toContain('"a red fox"');
  });

  it("refuses malformed JSON with 400, a body over the limit with 413, and no JSON with 415", async () => {
    const malformed = await post('{"prompt": "a fox"');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "MALFORMED_JSON" } });
    const oversized = await post(JSON.stringify({ prompt: "a".repeat(4096) }));
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ error: { code: "BODY_TOO_LARGE" } });
    const text = await post("prompt=a fox", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("answers unknown and malformed ids with 404 and 400", async () => {
    const unknown = await app.request("/api/generations/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "GENERATION_NOT_FOUND" } });
    expect((await app.request("/api/generations/42")).status).toBe(400);
    expect(
      (await app.request("/api/generations/00000000-0000-4000-8000-000000000000/events")).status,
    ).toBe(404);
    expect((await app.request("/api/tokens/12x")).status).toBe(400);
    const route = await app.request("/api/nothing-here");
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ error: { code: "ROUTE_NOT_FOUND" } });
  });

  it("replays events after Last-Event-ID and ends the stream when the job is over", async () => {
    const { jobs } = services;
    const job = await jobs.create({ prompt: "a fox", tokenId: 1n, recipient: null });
    const owner = "test-owner";
    const claimed = (await jobs.claim({ owner, leaseMs: 60_000, kind: "pipeline" }))!;
    expect(claimed.id).toBe(job.id);
    await jobs.completeStage({
      id: job.id,
      owner,
      from: "validate",
      to: "witness",
      data: { ms: 5 },
    });
    await jobs.recordFailure({
      id: job.id,
      owner,
      code: "X",
      message: "broken",
      maxAttempts: 1,
      backoffMs: 0,
    });

    const all = await readEvents(await app.request(`/api/generations/${job.id}/events`));
    expect(all.map(({ type }) => type)).toEqual(["stage", "stage", "failed"]);
    expect(all[1]!).toMatchObject({ type: "stage", data: { stage: "witness", ms: 5 } });

    const replay = await app.request(`/api/generations/${job.id}/events`, {
      headers: { "Last-Event-ID": String(all[0]!.id) },
    });
    expect(replay.headers.get("content-type")).toContain("text/event-stream");
    expect((await readEvents(replay)).map(({ id }) => id)).toEqual([all[1]!.id, all[2]!.id]);

    const polled = (await (
      await app.request(`/api/generations/${job.id}`)
    ).json()) as ApiSchema<"Generation">;
    expect(polled).toMatchObject({ status: "failed", error: { code: "X" } });
    expect(polled.events).toHaveLength(3);
  });

  it("serves the rendered image before the proof, marked unproven, then redirects to IPFS", async () => {
    const { jobs } = services;
    const job = await jobs.create({ prompt: "a small fox", tokenId: 7n, recipient: null });
    const preview = () => app.request(`/api/generations/${job.id}/preview.png`);
    const early = await preview();
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe(
      "GENERATION_NOT_READY",
    );

    // As the render stage does: the PNG in the content store, its CID in the stage's event; no
    // job folder is read (the pipeline may have run on another machine).
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const previewCid = (await services.store.add(png)).toString();
    const owner = "preview-owner";
    await jobs.claim({ owner, leaseMs: 60_000, kind: "pipeline" });
    await jobs.completeStage({ id: job.id, owner, from: "validate", to: "witness" });
    await jobs.completeStage({
      id: job.id,
      owner,
      from: "witness",
      to: "render",
      data: { previewCid },
    });
    const rendered = await preview();
    expect(rendered.status).toBe(200);
    expect(rendered.headers.get("content-type")).toBe("image/png");
    expect(rendered.headers.get("x-proofmint-proven")).toBe("false");
    expect(new Uint8Array(await rendered.arrayBuffer())).toEqual(png);

    await jobs.save({ id: job.id, owner, fields: { imageCid: "bafkreiexample" } });
    const stored = await preview();
    expect(stored.status).toBe(302);
    expect(stored.headers.get("location")).toBe("/ipfs/bafkreiexample");
  });

  it("serves an OpenAPI document describing every route", async () => {
    const document = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      "/api/generations",
      "/api/generations/{id}",
      "/api/generations/{id}/events",
      "/api/generations/{id}/mint",
      "/api/generations/{id}/preview.png",
      "/api/health",
      "/api/models",
      "/api/tokens",
      "/api/tokens/{id}",
      "/ipfs/{cid}",
    ]);
  });
});
