import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerApiError } from "../errors/errors.ts";
import { followGeneration } from "../cli/followGeneration.ts";
import { fetchGenerationEvents } from "./fetchGenerationEvents.ts";
import { parseGenerationEvents } from "./parseGenerationEvents.ts";

const event = (id: number, type: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  data,
  at: "2026-01-01T00:00:00.000Z",
});
const message = (payload: ReturnType<typeof event>) =>
  `id: ${payload.id}\nevent: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;

function streamOf(chunks: string[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of events) all.push(item);
  return all;
}

describe("parseGenerationEvents", () => {
  it("reads events split anywhere across chunks, skipping keep-alive comments", async () => {
    const text =
      message(event(1, "progress", { stage: "witness" })) +
      ": keep-alive\n\n" +
      message(event(2, "stage", { stage: "witness", ms: 5 }));
    const chunks = [text.slice(0, 7), text.slice(7, 60), text.slice(60, 61), text.slice(61)];
    expect(await collect(parseGenerationEvents({ body: streamOf(chunks) }))).toStrictEqual([
      event(1, "progress", { stage: "witness" }),
      event(2, "stage", { stage: "witness", ms: 5 }),
    ]);
  });

  it("refuses a message that is not a generation event", async () => {
    const body = streamOf(['event: stage\ndata: {"id":"1"}\n\n']);
    await expect(collect(parseGenerationEvents({ body }))).rejects.toThrow(ServerApiError);
  });
});

describe("fetchGenerationEvents and followGeneration against an HTTP server", () => {
  const events = [event(1, "progress"), event(2, "stage"), event(3, "ready"), event(4, "minted")];
  let server: Server;
  let url: string;
  const seenLastEventIds: (string | undefined)[] = [];
  let drops = 0;

  beforeAll(async () => {
    server = createServer((request, response: ServerResponse) => {
      if (!request.url?.startsWith("/api/generations/g-1/events")) {
        response.writeHead(404, { "content-type": "application/json" }).end("{}");
        return;
      }
      const lastId = request.headers["last-event-id"] as string | undefined;
      seenLastEventIds.push(lastId);
      response.writeHead(200, { "content-type": "text/event-stream" });
      const after = events.filter(({ id }) => id > Number(lastId ?? 0));
      // The first connection drops after one event, as a proxy might.
      if (drops === 0 && lastId === undefined && request.headers["x-drop"] === "1") {
        drops++;
        response.write(message(after[0]!));
        setTimeout(() => response.destroy(), 20);
        return;
      }
      response.end(after.map(message).join(""));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends Last-Event-ID and yields only the later events", async () => {
    const read = await collect(fetchGenerationEvents({ server: url, id: "g-1", after: 2 }));
    expect(read.map(({ id }) => id)).toStrictEqual([3, 4]);
    expect(seenLastEventIds.at(-1)).toBe("2");
  });

  it("names the failure when the server answers without an event stream", async () => {
    await expect(collect(fetchGenerationEvents({ server: url, id: "other" }))).rejects.toThrow(
      expect.objectContaining({ code: "SERVER_FAILED", status: 404 }),
    );
    await expect(
      collect(fetchGenerationEvents({ server: "http://127.0.0.1:1", id: "g-1" })),
    ).rejects.toThrow(expect.objectContaining({ code: "SERVER_UNREACHABLE" }));
  });

  it("followGeneration reconnects after a drop without missing or repeating an event", async () => {
    const seen: number[] = [];
    const fetchDropping: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as object), "x-drop": "1" } });
    const last = await followGeneration({
      server: url,
      id: "g-1",
      onEvent: ({ id }) => seen.push(id),
      done: ({ type }) => type === "ready",
      fetch: fetchDropping,
    });
    expect(drops).toBe(1);
    expect(seen).toStrictEqual([1, 2, 3]);
    expect(last?.type).toBe("ready");
  });
});
