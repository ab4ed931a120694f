import { createRoute, z } from "@hono/zod-openapi";
import { ErrorResponseSchema } from "../http/errorResponse.ts";

const errors = {
  400: {
    description: "Not a CID",
    content: { "application/json": { schema: ErrorResponseSchema } },
  },
  404: {
    description: "This node does not hold the content",
    content: { "application/json": { schema: ErrorResponseSchema } },
  },
};

export const getContent = createRoute({
  method: "get",
  path: "/ipfs/{cid}",
  tags: ["ipfs"],
  summary: "Content this node holds, by CID",
  description:
    "A path gateway for the content proofmint stores (images, raw outputs, proofs, metadata). " +
    "Responses are immutable: `ETag` is the CID, `Cache-Control` is immutable. " +
    "With `?format=raw` (or `Accept: application/vnd.ipld.raw`) the response is the root block, " +
    "which a client can hash to check it against the CID without trusting this server.",
  request: {
    params: z.object({
      cid: z
        .string()
        .min(1)
        .max(200)
        .openapi({ example: "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4" }),
    }),
    query: z.object({ format: z.enum(["raw"]).optional() }),
  },
  responses: {
    200: {
      description: "The content; its type is sniffed from its bytes",
      content: {
        "image/png": { schema: z.string().openapi({ format: "binary" }) },
        "application/json": { schema: z.unknown() },
        "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
        "application/vnd.ipld.raw": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    304: { description: "Not modified (`If-None-Match` names the CID)" },
    ...errors,
  },
});
