import { createRoute, z } from "@hono/zod-openapi";

export const ModelSchema = z
  .object({
    name: z.string().openapi({ example: "glyph" }),
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
    collection: z.string(),
    verifier: z.string(),
    deploymentBlock: z
      .string()
      .openapi({ description: "The collection's deployment block: where log searches start" }),
    prompt: z.object({ maxBytes: z.number().int(), alphabet: z.string() }),
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
