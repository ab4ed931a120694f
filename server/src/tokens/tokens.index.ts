import { createRouter } from "../http/appEnv.ts";
import { getTokenHandler, listTokensHandler } from "./tokens.handlers.ts";
import { getToken, listTokens } from "./tokens.routes.ts";

/** `/api/tokens`: the collection as indexed from the chain. */
export const tokensRouter = createRouter()
  .openapi(listTokens, listTokensHandler)
  .openapi(getToken, getTokenHandler);
