import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/appEnv.ts";
import { contentType } from "./contentType.ts";
import { ContentNotFoundError } from "./errors.ts";
import type { getContent } from "./ipfs.routes.ts";
import { parseCid } from "./parseCid.ts";

const RAW = "application/vnd.ipld.raw";

export const getContentHandler: RouteHandler<typeof getContent, AppEnv> = async (c) => {
  const { cid: value } = c.req.valid("param");
  const cid = parseCid({ value });
  const raw = c.req.valid("query").format === "raw" || c.req.header("accept") === RAW;
  const etag = `"${cid.toString()}${raw ? ".raw" : ""}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": "public, max-age=29030400, immutable",
    "X-Ipfs-Path": `/ipfs/${cid.toString()}`,
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Access-Control-Allow-Origin": "*",
    Vary: "Accept",
  };
  const { store } = c.var.services;
  if (c.req.header("if-none-match") === etag) {
    if (await store.getBlock(cid)) return c.body(null, 304, headers);
  }
  const bytes = raw ? await store.getBlock(cid) : await store.get(cid);
  if (bytes === undefined) throw new ContentNotFoundError(cid.toString());
  headers["Content-Type"] = raw ? RAW : contentType({ bytes });
  if (raw) headers["Content-Disposition"] = `attachment; filename="${cid.toString()}.bin"`;
  return c.body(new Uint8Array(bytes), 200, headers) as never;
};
