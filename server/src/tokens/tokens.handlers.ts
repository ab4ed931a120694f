import type { RouteHandler } from "@hono/zod-openapi";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getAddress } from "viem";
import type { Token } from "../db/schema.ts";
import { NotFoundError } from "../errors.ts";
import type { AppEnv } from "../http/appEnv.ts";
import { parseCid } from "../ipfs/parseCid.ts";
import type { Services } from "../services.ts";
import type { getToken, listTokens } from "./tokens.routes.ts";

const MAX_UINT256 = (1n << 256n) - 1n;

function metadataCid(token: Token): string | null {
  return token.tokenUri.startsWith("ipfs://") ? token.tokenUri.slice("ipfs://".length) : null;
}

async function tokenView(services: Services, token: Token) {
  const cid = metadataCid(token);
  const { jobs } = services.db.tables;
  const [job] = await services.db.read((q) =>
    q
      .select({ imageCid: jobs.imageCid })
      .from(jobs)
      .where(and(eq(jobs.tokenId, token.tokenId), isNull(jobs.errorCode)))
      .limit(1),
  );
  return {
    tokenId: token.tokenId,
    prompt: token.prompt,
    owner: token.owner,
    aigcData: token.aigcData,
    tokenUri: token.tokenUri,
    metadataUrl: cid === null ? null : `/ipfs/${cid}`,
    imageUrl: job?.imageCid ? `/ipfs/${job.imageCid}` : null,
    mintedBlock: token.mintedBlock,
    mintedTx: token.mintedTx,
    mintedAt: new Date(token.mintedAt * 1000).toISOString(),
  };
}

export const listTokensHandler: RouteHandler<typeof listTokens, AppEnv> = async (c) => {
  const { services } = c.var;
  const { tokens } = services.db.tables;
  const { limit, offset, owner } = c.req.valid("query");
  const where = owner === undefined ? undefined : eq(tokens.owner, getAddress(owner));
  const rows = await services.db.read((q) =>
    q
      .select()
      .from(tokens)
      .where(where)
      .orderBy(desc(tokens.mintedBlock), desc(tokens.tokenId))
      .limit(limit)
      .offset(offset),
  );
  const [counted] = await services.db.read((q) =>
    q.select({ n: count() }).from(tokens).where(where),
  );
  const views = await Promise.all(rows.map((token) => tokenView(services, token)));
  return c.json({ tokens: views, total: counted?.n ?? 0 }, 200);
};

export const getTokenHandler: RouteHandler<typeof getToken, AppEnv> = async (c) => {
  const { services } = c.var;
  const { id } = c.req.valid("param");
  const tokenId = BigInt(id);
  if (tokenId > MAX_UINT256) throw new NotFoundError("token", id);
  const { jobs, tokens } = services.db.tables;
  const [token] = await services.db.read((q) =>
    q.select().from(tokens).where(eq(tokens.tokenId, tokenId.toString())),
  );
  if (token === undefined) throw new NotFoundError("token", id);
  const cid = metadataCid(token);
  let metadata: Record<string, unknown> | null = null;
  if (cid !== null) {
    const bytes = await services.store.get(parseCid({ value: cid }));
    if (bytes !== undefined)
      metadata = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  }
  const [generation] = await services.db.read((q) =>
    q
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.tokenId, token.tokenId), eq(jobs.stage, "minted")))
      .limit(1),
  );
  return c.json(
    { ...(await tokenView(services, token)), metadata, generationId: generation?.id ?? null },
    200,
  );
};
