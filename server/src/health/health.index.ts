import { createRouter } from "../http/appEnv.ts";
import { getHealthHandler } from "./health.handlers.ts";
import { getHealth } from "./health.routes.ts";

/** `/api/health`. */
export const healthRouter = createRouter().openapi(getHealth, getHealthHandler);
