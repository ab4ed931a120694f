import { createRoute, z } from "@hono/zod-openapi";
import { isAddress } from "viem";
import { ErrorResponseSchema } from "../http/errorResponse.ts";
import { HexString } from "../http/hexString.ts";
import { GenerationSchema } from "./generationView.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ErrorResponseSchema, description);

// EIP-55: a mixed-case address carries a checksum, and a wrong one means a typo (the token would
// go to a stranger); all-lower and all-upper hex carry none.
const Address = z
  .string()
  .refine(
    (value) =>
      isAddress(value, { strict: false }) &&
      (/^0x([0-9a-f]{40}|[0-9A-F]{40})$/.test(value) || isAddress(value, { strict: true })),
    "must be a 0x-prefixed 20-byte address, with a valid EIP-55 checksum when in mixed case",
  )
  .openapi({ example: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });

const IdParams = z.object({
  id: z.string().uuid().openapi({ example: "3f6c1b0e-9d2a-4d8e-b1f4-2f7c9e0a5b61" }),
});

export const createGeneration = createRoute({
  method: "post",
  path: "/api/generations",
  tags: ["generations"],
  summary: "Generate, prove and store an image for a prompt",
  description:
    "Queues a generation. The prompt must be canonical (1 to 64 of a-z 0-9 space - ' , . ! ?, no " +
    "leading, trailing or double space); a prompt that only needs normalising is refused with its " +
    "canonical form. With `recipient`, the server's relayer mints to that address once the proof " +
    "is ready. A live generation of the same prompt and recipient is returned instead of a new one.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              prompt: z.string().max(1024).openapi({ example: "a red circle on blue" }),
              recipient: Address.optional(),
            })
            .strict()
            .openapi("CreateGeneration"),
        },
      },
    },
  },
  responses: {
    202: json(
      z
        .object({
          id: z.string().uuid(),
          status: z.string(),
          created: z.boolean(),
          generation: GenerationSchema,
        })
        .openapi("GenerationAccepted"),
      "Accepted: follow it with GET /api/generations/{id}/events",
    ),
    400: error("Malformed JSON, or a prompt that is empty, too long or not canonical"),
    409: error("The prompt is already minted (PROMPT_ALREADY_MINTED)"),
    413: error("The body is larger than the limit"),
    429: error("The queue is full; retry after the Retry-After header's seconds"),
  },
});

export const getGeneration = createRoute({
  method: "get",
  path: "/api/generations/{id}",
  tags: ["generations"],
  summary: "A generation's state, with its events so far (the polling fallback)",
  request: { params: IdParams },
  responses: {
    200: json(GenerationSchema, "The generation"),
    400: error("Not a generation id"),
    404: error("No such generation"),
  },
});

export const getGenerationEvents = createRoute({
  method: "get",
  path: "/api/generations/{id}/events",
  tags: ["generations"],
  summary: "A generation's progress as server-sent events",
  description:
    "Each event's `id` orders it; reconnecting with `Last-Event-ID` (or `?after=`) replays what " +
    "came after it. Event types: stage (a stage completed), progress (a stage started), " +
    "transaction, ready, minted, retrying, failed, and reorg (a chain reorganisation undid the mint: " +
    "the generation is ready again and a relayed one is minted again). The stream ends when the " +
    "generation is minted or failed; a later reorg shows in GET /api/generations/{id}.",
  request: {
    params: IdParams,
    query: z.object({ after: z.coerce.number().int().min(0).optional() }),
    headers: z.object({ "last-event-id": z.string().regex(/^\d+$/).optional() }),
  },
  responses: {
    200: {
      description: "An event stream",
      content: { "text/event-stream": { schema: z.string() } },
    },
    400: error("Not a generation id"),
    404: error("No such generation"),
  },
});

export const getMintArgs = createRoute({
  method: "get",
  path: "/api/generations/{id}/mint",
  tags: ["generations"],
  summary: "Arguments for minting a ready generation from the creator's wallet",
  description:
    "Send `commit(commitment)` from the wallet, wait `commitMinDelay` seconds, then send `mint(...)` " +
    "from the same wallet. The salt is fresh for each call; keep the one used for the commit.",
  request: { params: IdParams, query: z.object({ to: Address }) },
  responses: {
    200: json(
      z
        .object({
          chainId: z.number().int(),
          collection: HexString,
          tokenId: z.string(),
          commitMinDelay: z.number().int(),
          salt: HexString,
          commitment: HexString,
          commit: z.object({ functionName: z.literal("commit"), args: z.tuple([HexString]) }),
          mint: z.object({
            functionName: z.literal("mint"),
            args: z.tuple([HexString, HexString, HexString, HexString, HexString, z.string()]),
          }),
        })
        .openapi("MintArgs"),
      "The two calls, for the collection's ABI",
    ),
    400: error("Not a generation id or not an address"),
    404: error("No such generation"),
    409: error("Not ready yet, failed, or already minted"),
  },
});

export const relayMint = createRoute({
  method: "post",
  path: "/api/generations/{id}/mint",
  tags: ["generations"],
  summary: "Have the server's relayer mint a generation to an address",
  request: {
    params: IdParams,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ recipient: Address }).strict().openapi("RelayMint"),
        },
      },
    },
  },
  responses: {
    202: json(GenerationSchema, "Minting: follow the events"),
    400: error("Malformed request"),
    404: error("No such generation"),
    409: error("Failed, already minted, or already minting to another address"),
    503: error("Relayed minting is not configured"),
  },
});

export const getGenerationPreview = createRoute({
  method: "get",
  path: "/api/generations/{id}/preview.png",
  tags: ["generations"],
  summary: "The generation's rendered image, before it is proven",
  description:
    "The PNG the render stage drew from the model's output, served from the job's files as soon " +
    "as that stage completed, while the proof is still running: NOT YET PROVEN (header " +
    "`X-Proofmint-Proven: false`). Once the image is stored, a redirect to its CID on the IPFS " +
    "gateway. 409 GENERATION_NOT_READY before the render stage.",
  request: { params: IdParams },
  responses: {
    200: {
      description: "The rendered image, not yet proven",
      content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } },
    },
    302: { description: "Stored: the image on the IPFS gateway" },
    400: error("Not a generation id"),
    404: error("No such generation"),
    409: error("Not rendered yet, or the generation failed before rendering"),
  },
});
