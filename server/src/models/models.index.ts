import { createRouter } from "../http/appEnv.ts";
import { listModelsHandler } from "./models.handlers.ts";
import { listModels } from "./models.routes.ts";

/** `/api/models`. */
export const modelsRouter = createRouter().openapi(listModels, listModelsHandler);
