import { createRoute, z } from "@hono/zod-openapi";
import { HexString } from "../http/hexString.ts";

export const ModelSchema = z
  .object({
    name: z.string().openapi({ example: "sprite" }),
    modelId: z.string(),
    srs: z.object({ kind: z.enum(["development", "ceremony"]), insecure: z.boolean() }),
    logrows: z.number().int(),
    inputScale: z.number().int(),
    outputScale: z.number().int(),
    outputShape: z.array(z.number().int()),
    chainId: z.number().int(),
    rpcUrl: z.url().openapi({
      description:
        "A JSON-RPC URL of the chain for browsers (the server's PUBLIC_RPC_URL, or RPC_URL); " +
        "a collector may check against a node of their own instead",
      example: "https://rpc.example.org",
    }),
    collection: HexString,
    verifier: HexString,
    deploymentBlock: z
      .string()
      .openapi({ description: "The collection's deployment block: where log searches start" }),
    prompt: z.object({ maxBytes: z.number().int(), alphabet: z.string() }),
    recentProofs: z
      .object({
        count: z.number().int().openapi({ description: "Proofs the medians are taken from" }),
        proveMedianMs: z.number().int().nullable().openapi({
          description: "Median time of the native proof (the prove stage), ms; null before any",
        }),
        readyMedianMs: z.number().int().nullable().openapi({
          description:
            "Median time from a prompt's submission to its ready-to-mint image (queue wait and " +
            "every stage included), ms; null before any",
        }),
      })
      .openapi({
        description:
          "Proving time measured on this server over its last 20 proofs (from its job records), " +
          "for estimates; the benchmark's figures are measured apart from any traffic",
      }),
  })
  .openapi("Model");

export const listModels = createRoute({
  method: "get",
  path: "/api/models",
  tags: ["models"],
  summary: "The models this server proves, with their on-chain collection",
  responses: {
    200: {
      description: "The models",
      content: { "application/json": { schema: z.object({ models: z.array(ModelSchema) }).openapi("ModelList") } },
    },
  },
});
