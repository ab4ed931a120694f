// Hostile input against every HTTP route of a running server: malformed JSON, wrong types, huge
// bodies, path traversal and invalid CIDs, Unicode tricks in prompts, junk query strings and
// headers, raw malformed HTTP. Every case is seeded (DRILL_SEED replays a run) and bounded; each
// must get a 4xx JSON error (never a 5xx), and the server must stay up and answer afterwards.
import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, seededRandom, startDrillPlatform, type DrillPlatform } from "./drillPlatform.ts";

const SEED = Number(process.env.DRILL_SEED ?? 20250807);
const RANDOM_CASES = 400;
const MAX_BODY_BYTES = 16384;

type Case = {
  name: string;
  method?: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** What must come back: a 4xx JSON error (the default), or any status below 500. */
  expect?: "4xx" | "not5xx";
};

let platform: DrillPlatform;
let jobId: string;

beforeAll(async () => {
  platform = await startDrillPlatform({
    env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES), QUEUE_LIMIT: "4" },
  });
  // One real job, so routes that need an existing generation are fuzzed past their lookup.
  const created = await call<{ id: string }>(`${platform.server.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "hostile drill subject" }),
  });
  expect(created.status).toBe(202);
  jobId = created.body.id;
});

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    console.error(`server log (last 30 lines):\n${platform.server.logs.slice(-30).join("\n")}`);
  }
});

afterAll(async () => {
  await platform?.stop();
});

const post = (
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  name: string,
  headers = {},
): Case => ({
  name,
  method: "POST",
  path,
  body,
  headers: { "content-type": "application/json", ...headers },
});

const prompt = (value: unknown, name: string): Case =>
  post("/api/generations", JSON.stringify({ prompt: value }), `prompt ${name}`);

/** Unicode that looks like, or normalises towards, a canonical prompt, and must still be refused. */
const unicodeTricks: [string, string][] = [
  ["NFD accent", "cafe\u0301 au lait"],
  ["NFC accent", "caf\u00e9 au lait"],
  ["zero-width space", "a red\u200b circle"],
  ["zero-width joiner", "a red\u200d circle"],
  ["zero-width non-joiner", "a red\u200c circle"],
  ["byte order mark", "\ufeffa red circle"],
  ["soft hyphen", "a red cir\u00adcle"],
  ["RTL override", "a red \u202ecircle"],
  ["LTR isolate", "\u2066a red circle\u2069"],
  ["Cyrillic a homoglyph", "\u0430 red circle"],
  ["Greek omicron homoglyph", "a red circ\u03bfle"],
  ["fullwidth letters", "\uff41 red circle"],
  ["mathematical bold", "\ud835\udc1a red circle"],
  ["dotless i", "a p\u0131nk circle"],
  ["Kelvin sign", "a \u212a circle"],
  ["combining overlay", "a red c\u0336ircle"],
  ["lone high surrogate", "a red \ud800 circle"],
  ["lone low surrogate", "a red \udc00 circle"],
  ["reversed surrogates", "a red \udc00\ud800 circle"],
  ["no-break space", "a red\u00a0circle"],
  ["ideographic space", "a red\u3000circle"],
  ["tab", "a red\tcircle"],
  ["newline", "a red\ncircle"],
  ["NUL byte", "a red\u0000circle"],
  ["DEL", "a red\u007fcircle"],
  ["emoji with variation selector", "a red \u2764\ufe0f"],
  ["flag emoji", "a \ud83c\uddfa\ud83c\uddf8 flag"],
  ["skin tone modifier", "a \ud83d\udc4b\ud83c\udffd"],
  ["Hangul filler", "a red\u3164circle"],
  ["ligature fi", "a \ufb01sh"],
  ["10 kB of letters", "a".repeat(10_000)],
  ["10 kB of combining marks", `a${"\u0301".repeat(5_000)}`],
  ["64 letters plus zero-width", `${"a".repeat(64)}\u200b`],
  ["upper case", "A Red Circle"],
  ["double space", "a  red circle"],
  ["leading space", " a red circle"],
  ["empty", ""],
  ["only spaces", "   "],
];

function fixedCases(): Case[] {
  const gen = "/api/generations";
  const cases: Case[] = [
    // Malformed JSON and wrong types.
    post(gen, "", "empty body"),
    post(gen, "{", "truncated object"),
    post(gen, '{"prompt":', "truncated value"),
    post(gen, "null", "null"),
    post(gen, "[]", "array"),
    post(gen, '"a red circle"', "string"),
    post(gen, "42", "number"),
    post(gen, "{'prompt': 'a'}", "single quotes"),
    post(gen, '{"prompt":"a"}garbage', "trailing garbage"),
    post(gen, '{"prompt":"a",}', "trailing comma"),
    post(gen, '{"prompt":"\\ud800"}', "escaped lone surrogate"),
    post(gen, '{"prompt":"\\x41"}', "bad escape"),
    post(gen, "\ufeff{}", "BOM before JSON"),
    post(gen, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "invalid UTF-8"),
    post(gen, `${"[".repeat(5000)}${"]".repeat(5000)}`, "deeply nested arrays"),
    post(gen, `{"prompt":${'{"a":'.repeat(2000)}1${"}".repeat(2000)}}`, "deeply nested objects"),
    post(gen, JSON.stringify({ prompt: "a red circle", extra: 1 }), "unknown field"),
    post(gen, '{"prompt":"a red circle","__proto__":{"x":1}}', "__proto__ key"),
    post(gen, '{"prompt":"a red circle","constructor":{"prototype":{"x":1}}}', "constructor key"),
    // JSON.parse keeps the last of duplicate keys: the refused one must be what counts.
    post(gen, '{"prompt":"b c","prompt":"B C"}', "duplicate keys"),
    prompt(42, "number"),
    prompt(null, "null"),
    prompt(true, "boolean"),
    prompt(["a red circle"], "array"),
    prompt({ toString: "a" }, "object"),
    post(gen, '{"prompt":1e309}', "prompt overflowing number"),
    post(
      gen,
      JSON.stringify({ recipient: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }),
      "no prompt",
    ),
    post(gen, JSON.stringify({ prompt: "a red circle", recipient: "0x1234" }), "short recipient"),
    post(gen, JSON.stringify({ prompt: "a red circle", recipient: 7 }), "numeric recipient"),
    post(
      gen,
      JSON.stringify({
        prompt: "a red circle",
        recipient: "0x70997970c51812dc3a010c7d01b50e0d17dc79c9X",
      }),
      "recipient with junk",
    ),
    post(
      gen,
      JSON.stringify({
        prompt: "a red circle",
        recipient: "0x70997970C51812DC3A010C7D01B50E0D17DC79c8",
      }),
      "recipient with a bad checksum",
    ),
    // Huge bodies, with and without a truthful content-length.
    post(gen, JSON.stringify({ prompt: "a".repeat(MAX_BODY_BYTES) }), "body over the limit"),
    post(gen, JSON.stringify({ prompt: "a red circle" }), "form content type", {
      "content-type": "application/x-www-form-urlencoded",
    }),
    post(gen, JSON.stringify({ prompt: "a red circle" }), "text content type", {
      "content-type": "text/plain",
    }),
    post(gen, JSON.stringify({ prompt: "a red circle" }), "multipart without boundary", {
      "content-type": "multipart/form-data",
    }),
    post(gen, new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff]), "truncated gzip", {
      "content-encoding": "gzip",
    }),
    ...unicodeTricks.map(([name, value]) => prompt(value, name)),
  ];

  // Literal and %2e dot segments are resolved by fetch itself: the socket test sends those raw.
  const ids = [
    "not-an-id",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "6c1f1f43-4a1e-4b5a-9a55-2bd1b1d0f2a1%00",
    "6C1F1F43-4A1E-4B5A-9A55-2BD1B1D0F2A1",
    "00000000-0000-0000-0000-000000000000",
    "x".repeat(5000),
    "%E2%80%AE",
    "'%20OR%201=1--",
  ];
  for (const id of ids) {
    cases.push({ name: `generation ${id.slice(0, 40)}`, path: `${gen}/${id}` });
    cases.push({ name: `events ${id.slice(0, 40)}`, path: `${gen}/${id}/events` });
    cases.push({ name: `mint args ${id.slice(0, 40)}`, path: `${gen}/${id}/mint?to=0x0` });
    cases.push(post(`${gen}/${id}/mint`, "{}", `relay ${id.slice(0, 40)}`));
  }
  const live = () => jobId;
  for (const to of [
    "",
    "0x0",
    "0xzz",
    "70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "x".repeat(3000),
  ]) {
    cases.push({ name: `mint args to=${to.slice(0, 20)}`, path: `${gen}/${live()}/mint?to=${to}` });
  }
  cases.push({ name: "mint args without to", path: `${gen}/${live()}/mint` });
  cases.push({
    name: "mint args with two to",
    path: `${gen}/${live()}/mint?to=0x0&to=0x70997970C51812dc3A010C7d01b50e0d17dc79C8`,
  });
  for (const body of ["", "{", "[]", '{"recipient":1}', '{"recipient":"0x1"}', '{"to":"0x0"}']) {
    cases.push(post(`${gen}/${live()}/mint`, body, `relay body ${body}`));
  }
  // Last-Event-ID junk on a live stream: the server must refuse it or ignore it, never fail.
  for (const lastEventId of ["abc", "-1", "1e309", "99999999999999999999999", "0x10", " 1", ""]) {
    cases.push({
      name: `events Last-Event-ID ${JSON.stringify(lastEventId)}`,
      path: `${gen}/${live()}/events`,
      headers: { "last-event-id": lastEventId },
      expect: "not5xx",
    });
  }

  for (const query of [
    "limit=0",
    "limit=-1",
    "limit=101",
    "limit=abc",
    "limit=1e400",
    "limit=1.5",
    "offset=-5",
    "offset=1e100",
    "offset=NaN",
    "limit=%00",
    "limit=1&limit=2",
  ]) {
    cases.push({ name: `tokens ?${query}`, path: `/api/tokens?${query}` });
  }
  const uint256 = 2n ** 256n;
  for (const id of [
    "abc",
    "-1",
    "0x10",
    "1.5",
    "1e5",
    uint256.toString(),
    (uint256 + 1n).toString(),
    "9".repeat(5000),
    "%20",
    "..%2f..%2f",
  ]) {
    cases.push({ name: `token ${id.slice(0, 40)}`, path: `/api/tokens/${id}` });
  }

  for (const cid of [
    "not-a-cid",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%5c..%5cwindows",
    "bafkrei%00",
    "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei",
    "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4x",
    "BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4",
    "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei1",
    "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
    "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0",
    "zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7",
    "b" + "a".repeat(199),
    "b" + "a".repeat(5000),
    "f01551220" + "00".repeat(32),
    "f01551220" + "00".repeat(31),
    "f015500",
    "f0155" + "00".repeat(100),
    "bafkqaaa",
    "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/etc/passwd",
  ]) {
    cases.push({ name: `ipfs ${cid.slice(0, 50)}`, path: `/ipfs/${cid}` });
  }
  cases.push({
    name: "ipfs with a bad format",
    path: "/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4?format=car",
  });

  for (const [method, path] of [
    ["PUT", gen],
    ["DELETE", gen],
    ["PATCH", "/api/health"],
    ["POST", "/api/health"],
    ["POST", "/api/tokens"],
    ["DELETE", "/ipfs/bafkqaaa"],
    ["GET", "/api/nothing"],
    ["GET", "/api/tokens/1/2"],
    ["GET", "/ipfs/"],
  ] as const) {
    cases.push({ name: `${method} ${path}`, method, path });
  }
  for (const path of ["/api/health", "/api/models", "/api/openapi.json", "/api/tokens"]) {
    cases.push({
      name: `${path} with junk query and headers`,
      path: `${path}?x=${"%ff".repeat(50)}&__proto__=1`,
      headers: { accept: "*/*;q=junk", "x-forwarded-for": "'; DROP TABLE jobs;--" },
      expect: "not5xx",
    });
  }
  return cases;
}

const ALPHABET = [
  ..."abcdefghijklmnopqrstuvwxyz0123456789 -',.!?",
  ...'ABZ\t\n\u0000\u00e9\u0301\u200b\u202e\u0430\uff41\ud800\udfff\u{1f600}"\\/{}[]%',
];

/** Random hostile cases from the seed: prompts with at least one refused character, random JSON. */
function randomCases(seed: number, count: number): Case[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (max: number) =>
    Array.from({ length: Math.floor(random() * max) }, () => pick(ALPHABET)).join("");
  const bad = () => {
    const base = text(70);
    const at = Math.floor(random() * (base.length + 1));
    return `${base.slice(0, at)}${pick(["A", "\u200b", "\u00e9", "\ud800", "\t", "  ", "\u0430"])}${base.slice(at)}`;
  };
  const value = (depth: number): unknown => {
    switch (Math.floor(random() * (depth > 2 ? 5 : 7))) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return random() * 1e12 - 5e11;
      case 3:
        return text(30);
      case 4:
        return bad();
      case 5:
        return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(
          Array.from({ length: Math.floor(random() * 4) }, () => [
            pick(["prompt", "recipient", "to", text(8)]),
            value(depth + 1),
          ]),
        );
    }
  };
  const cases: Case[] = [];
  for (let n = 0; n < count; n++) {
    const kind = Math.floor(random() * 6);
    const tag = `random #${n} (seed ${seed})`;
    if (kind === 0) cases.push(prompt(bad(), tag));
    else if (kind === 1) cases.push(post("/api/generations", JSON.stringify(value(0)), tag));
    else if (kind === 2) {
      const json = JSON.stringify({ prompt: bad() });
      cases.push(post("/api/generations", json.slice(0, Math.floor(random() * json.length)), tag));
    } else if (kind === 3) {
      cases.push({ name: tag, path: `/ipfs/${encodeURIComponent(text(80)) || "x"}` });
    } else if (kind === 4) {
      cases.push({ name: tag, path: `/api/tokens/${encodeURIComponent(text(40)) || "x"}` });
    } else {
      const id = encodeURIComponent(text(40)) || "x";
      cases.push(post(`/api/generations/${id}/mint`, JSON.stringify(value(0)), tag));
    }
  }
  return cases;
}

async function send(testCase: Case) {
  const controller = new AbortController();
  const response = await fetch(`${platform.server.url}${testCase.path}`, {
    method: testCase.method ?? "GET",
    headers: testCase.headers,
    body: testCase.body,
    signal: controller.signal,
  });
  // An accepted event stream stays open: its status is the answer.
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    controller.abort();
    return { status: response.status, body: undefined };
  }
  const text = await response.text();
  let body: { error?: { code?: string; message?: string } } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

async function check(cases: Case[]) {
  const failures: string[] = [];
  for (const testCase of cases) {
    const { status, body } = await send(testCase);
    const wantsError = (testCase.expect ?? "4xx") === "4xx";
    if (status >= 500) failures.push(`${testCase.name}: ${status}`);
    else if (wantsError && (status < 400 || !body?.error?.code || !body.error.message)) {
      failures.push(`${testCase.name}: ${status} ${String(JSON.stringify(body)).slice(0, 200)}`);
    }
  }
  return failures;
}

describe("hostile input", () => {
  it("answers every hand-written hostile request on every route with a 4xx JSON error", async () => {
    const cases = fixedCases();
    expect(cases.length).toBeGreaterThan(150);
    expect(await check(cases)).toEqual([]);
  });

  it(`answers ${RANDOM_CASES} seeded random hostile requests with 4xx (seed ${SEED})`, async () => {
    expect(await check(randomCases(SEED, RANDOM_CASES))).toEqual([]);
  });

  it("answers malformed HTTP and an oversized upload on the socket without a 5xx", async () => {
    const { hostname, port } = new URL(platform.server.url);
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname);
        let answer = "";
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("close", () => resolve(answer));
        socket.on("error", () => resolve(answer));
        socket.setTimeout(3_000, () => socket.destroy());
        socket.end(request);
      });
    const requests = [
      "GARBAGE\r\n\r\n",
      "GET /api/health HTTP/9.9\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      "POST /api/generations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /api/generations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n\r\n",
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      "GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
      ...[
        "/ipfs/../../../../etc/passwd",
        "/ipfs/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/ipfs/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/api/generations/..%2f..%2fproofmint.sqlite",
        "/..%5c..%5c..%5cetc%5cpasswd",
      ].map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      // 2 MiB announced, 64 KiB sent: the limit is enforced from the header, before any read.
      `POST /api/generations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\n${"x".repeat(64 * 1024)}`,
    ];
    for (const request of requests) {
      const answer = await raw(request);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      if (request.includes("Content-Length: 2097152")) expect(status).toBe(413);
      // Nothing outside the served folders: no system file, no database, no key.
      expect(answer).not.toMatch(/root:.*:0:0:|SQLite format|PRIVATE KEY/);
      expect({ request: request.slice(0, 60), status: status >= 500 ? status : "not 5xx" }).toEqual(
        { request: request.slice(0, 60), status: "not 5xx" },
      );
    }
  });

  it("is still up afterwards: health answers, the real job proceeds, nothing was logged as a 5xx", async () => {
    const health = await call(`${platform.server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(() => process.kill(platform.server.pid, 0)).not.toThrow();
    const job = await call<{ status: string }>(`${platform.server.url}/api/generations/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body.status).not.toBe("failed");
    const errors = platform.server.logs.filter((line) => /"level":"error"/.test(line));
    expect(errors).toEqual([]);
  });
});
