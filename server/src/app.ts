import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { NotFoundError } from "./errors.ts";
import { generationsRouter } from "./generations/generations.index.ts";
import { healthRouter } from "./health/health.index.ts";
import type { AppEnv } from "./http/appEnv.ts";
import { errorResponse } from "./http/errorResponse.ts";
import { ipfsRouter } from "./ipfs/ipfs.index.ts";
import { modelsRouter } from "./models/models.index.ts";
import type { Services } from "./services.ts";
import { tokensRouter } from "./tokens/tokens.index.ts";

/**
 * The HTTP application, without a listening socket: tests call `app.request()`. Routes are
 * chained so `AppType` carries every route's types for a typed client (`hono/client`).
 *
 * @example
 * const app = createApp({ services });
 * const response = await app.request("/api/health");
 */
export function createApp({ services }: { services: Services }) {
  const { config, logger } = services;
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("services", services);
    c.set("logger", logger.child({ requestId: c.var.requestId }));
    await next();
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.res.status >= 500) c.var.logger.error("request failed", fields);
    else if (c.req.path === "/api/health") c.var.logger.debug("request", fields);
    else c.var.logger.info("request", fields);
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: config.http.maxBodyBytes,
      onError: () => {
        throw new HTTPException(413, { message: "the request body is too large" });
      },
    }),
  );

  const routes = app
    .route("/", generationsRouter)
    .route("/", tokensRouter)
    .route("/", modelsRouter)
    .route("/", healthRouter)
    .route("/", ipfsRouter);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "proofmint",
      version: "1.0.0",
      description:
        "Verifiable AI-generated NFTs: prompt to a proven image, stored on IPFS and minted as an ERC-7007 token. " +
        "Errors are JSON `{error: {code, message}}` with a stable code.",
    },
  });

  app.notFound((c) => {
    throw new NotFoundError("route", `${c.req.method} ${c.req.path}`);
  });
  app.onError((error, c) => {
    const { status, body, headers } = errorResponse(error);
    const log = c.var.logger ?? logger;
    if (status >= 500) log.error("unhandled error", { error, path: c.req.path });
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json({ error: { ...body.error, requestId: c.var.requestId } }, status);
  });

  if (config.http.webDir !== undefined) {
    const root = config.http.webDir;
    // The site verifies proofs with ezkl's WebAssembly engine, which needs shared memory: the
    // page must be cross-origin isolated.
    app.use("*", async (c, next) => {
      await next();
      if (!c.req.path.startsWith("/api/") && !c.req.path.startsWith("/ipfs/")) {
        c.header("Cross-Origin-Opener-Policy", "same-origin");
        c.header("Cross-Origin-Embedder-Policy", "require-corp");
      }
    });
    // Unknown API and gateway paths stay JSON 404s; only the site's own paths fall back to it.
    const notFound = (c: { req: { method: string; path: string } }) => {
      throw new NotFoundError("route", `${c.req.method} ${c.req.path}`);
    };
    app.get("/api/*", notFound);
    app.get("/ipfs/*", notFound);
    // Vite names every built asset after its content hash: cacheable forever, which also lets the
    // browser keep the engine's compiled WebAssembly between visits.
    app.get(
      "/assets/*",
      serveStatic({
        root,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.get("*", serveStatic({ root }));
    app.get("*", serveStatic({ root, rewriteRequestPath: () => "/index.html" }));
  }
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
