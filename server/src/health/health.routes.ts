import { createRoute, z } from "@hono/zod-openapi";

const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    uptimeSeconds: z.number(),
    leader: z.boolean().openapi({
      description:
        "Whether this server leads the servers sharing its database: it indexes the chain and " +
        "relays mints (always, on SQLite)",
    }),
    jobs: z.object({
      pending: z.number().int(),
      active: z.number().int(),
      queueLimit: z.number().int(),
    }),
    prover: z.object({
      size: z
        .number()
        .int()
        .openapi({
          description:
            "Provers of this server (PROVER_POOL_SIZE); 0: no local prover, prover " +
            "processes (npm run prover) take the proving work",
        }),
      ready: z.number().int().openapi({
        description: "Provers with their proving key loaded and warmed up",
      }),
      starting: z.number().int().openapi({
        description: "Provers still deriving or loading their proving key",
      }),
      busy: z.number().int(),
      queued: z.number().int(),
      provingProcesses: z
        .number()
        .int()
        .nullable()
        .openapi({
          description:
            "Processes on any machine (this server, prover processes) holding a " +
            "proving job's lease now; idle provers are not counted; null while the database " +
            "does not answer",
        }),
    }),
    indexer: z.object({
      nextBlock: z.number().int(),
      headBlock: z.number().int().nullable(),
      confirmations: z
        .number()
        .int()
        .openapi({ description: "Blocks the index stays behind the head" }),
      lastError: z.string().nullable(),
      lastReorg: z
        .object({
          detectedAt: z.string().openapi({ format: "date-time" }),
          depth: z.number().int().openapi({ description: "Indexed blocks undone" }),
          fromBlock: z.number().int(),
          toBlock: z.number().int(),
          ancestor: z
            .object({ number: z.number().int(), hash: z.string() })
            .nullable()
            .openapi({
              description:
                "The newest indexed block the chain kept; null when the " +
                "reorganisation was deeper than INDEXER_MAX_REORG_DEPTH and the " +
                "index was rebuilt",
            }),
          tokensRemoved: z.number().int(),
          ownersRestored: z.number().int(),
          jobsReopened: z.number().int(),
        })
        .nullable()
        .openapi({
          description: "The last chain reorganisation the index was rewound for",
        }),
    }),
    chain: z.object({
      chainId: z.number().int(),
      collection: z.string(),
      relayer: z.boolean(),
    }),
    ipfs: z.object({
      kind: z.enum(["embedded", "kubo"]),
      reachable: z.boolean().openapi({
        description: "Whether the store answered its last request or check",
      }),
      lastError: z
        .string()
        .nullable()
        .openapi({
          description:
            "Why the store does not answer (e.g. the Kubo node at IPFS_API_URL is " +
            "down); jobs wait for it without using up their attempts",
        }),
    }),
    database: z.object({
      kind: z.enum(["sqlite", "postgres"]),
      ok: z.boolean(),
      error: z.string().nullable().openapi({ description: "Why the database is not answering" }),
    }),
  })
  .openapi("Health");

export const getHealth = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["health"],
  summary: "Liveness and the state of the queue, prover pool, indexer and store",
  description: "Answers from memory and two indexed counts: it stays fast while proofs run.",
  responses: {
    200: {
      description: "The server is up",
      content: {
        "application/json": {
          schema: healthSchema,
        },
      },
    },
    503: {
      description: "The server is up but its database is not answering: `database.error` says why",
      content: { "application/json": { schema: healthSchema } },
    },
  },
});
