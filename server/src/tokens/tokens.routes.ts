import { createRoute, z } from "@hono/zod-openapi";
import { ErrorResponseSchema } from "../http/errorResponse.ts";
import { HexString } from "../http/hexString.ts";

export const TokenSchema = z
  .object({
    tokenId: z.string().openapi({ description: "Decimal" }),
    prompt: z.string(),
    owner: HexString,
    aigcData: z.string(),
    tokenUri: z.string().openapi({ example: "ipfs://bafkrei..." }),
    metadataUrl: z
      .string()
      .nullable()
      .openapi({ description: "The metadata through this server's gateway" }),
    imageUrl: z.string().nullable(),
    mintedBlock: z.number().int(),
    mintedTx: HexString,
    mintedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Token");

const errorContent = { "application/json": { schema: ErrorResponseSchema } };

export const listTokens = createRoute({
  method: "get",
  path: "/api/tokens",
  tags: ["tokens"],
  summary: "Minted tokens, newest first, as indexed from the chain",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(24),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      owner: z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/)
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of tokens",
      content: {
        "application/json": {
          schema: z
            .object({ tokens: z.array(TokenSchema), total: z.number().int() })
            .openapi("TokenPage"),
        },
      },
    },
    400: { description: "Bad paging parameters", content: errorContent },
  },
});

export const getToken = createRoute({
  method: "get",
  path: "/api/tokens/{id}",
  tags: ["tokens"],
  summary: "One token, with its metadata document",
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/, "must be a token id, decimal or 0x-hex")
        .openapi({ example: "1234" }),
    }),
  },
  responses: {
    200: {
      description: "The token",
      content: {
        "application/json": {
          schema: TokenSchema.extend({
            metadata: z.record(z.string(), z.unknown()).nullable(),
            generationId: z.string().nullable(),
          }).openapi("TokenDetail"),
        },
      },
    },
    400: { description: "Not a token id", content: errorContent },
    404: { description: "No such token (yet)", content: errorContent },
  },
});
