import { createRouter } from "../http/appEnv.ts";
import { getContentHandler } from "./ipfs.handlers.ts";
import { getContent } from "./ipfs.routes.ts";

/** The gateway: `GET /ipfs/:cid`. */
export const ipfsRouter = createRouter().openapi(getContent, getContentHandler);
