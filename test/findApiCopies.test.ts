import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findApiCopies } from "../scripts/find-api-copies.mjs";

// `npm run check` refuses hand-written copies of the API's shapes with this finder; here on a
// small OpenAPI document and files written for the test.
const document = {
  components: {
    schemas: {
      Generation: {
        type: "object",
        properties: {
          id: { type: "string" },
          status: { type: "string" },
          tokenId: { type: "string" },
          error: { type: ["object", "null"], properties: { code: {}, message: {} } },
          mint: { type: "object", properties: { commitTx: {}, mintTx: {}, blockNumber: {} } },
        },
      },
    },
  },
  paths: {
    "/api/health": {
      get: {
        responses: {
          200: {
            content: {
              "application/json": {
                schema: { type: "object", properties: { status: {}, uptimeSeconds: {}, jobs: {} } },
              },
            },
          },
        },
      },
    },
  },
};

let dir: string;
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "proofmint-api-copies-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("findApiCopies", () => {
  it("finds a partial copy of a component, a nested one and an inline response's", async () => {
    const files = [
      await file(
        "copy.ts",
        "type Generation = { status: string; tokenId: string; error: unknown };\n",
      ),
      await file(
        "nested.ts",
        "\n\nexport function f(): { commitTx: string; mintTx: string; blockNumber: number } {\n" +
          "  throw new Error();\n}\n",
      ),
      await file(
        "Page.svelte",
        '<h1>x</h1>\n<script lang="ts">\n  interface Health { status: "ok"; uptimeSeconds: number; jobs: object }\n</script>\n',
      ),
    ];
    expect(findApiCopies({ document, files })).toStrictEqual([
      `${files[0]}:1: { status, tokenId, error } copies the API's Generation`,
      `${files[1]}:3: { commitTx, mintTx, blockNumber } copies the API's Generation.mint`,
      `${files[2]}:3: { status, uptimeSeconds, jobs } copies the API's GET /api/health 200`,
    ]);
  });

  it("accepts derived types, small objects and shapes the API does not have", async () => {
    const files = [
      await file(
        "derived.ts",
        'import type { ApiSchema } from "@proofmint/core";\n' +
          'type Generation = ApiSchema<"Generation">;\n' +
          "type Created = { id: string; status: string };\n" +
          "type Other = { id: string; status: string; tokenId: string; owner: string };\n",
      ),
    ];
    expect(findApiCopies({ document, files })).toStrictEqual([]);
  });
});
