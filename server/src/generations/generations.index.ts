import { createRouter } from "../http/appEnv.ts";
import {
  createGenerationHandler,
  getGenerationEventsHandler,
  getGenerationHandler,
  getGenerationPreviewHandler,
  getMintArgsHandler,
  relayMintHandler,
} from "./generations.handlers.ts";
import {
  createGeneration,
  getGeneration,
  getGenerationEvents,
  getGenerationPreview,
  getMintArgs,
  relayMint,
} from "./generations.routes.ts";

/** `/api/generations`: create, read, follow and mint generations. */
export const generationsRouter = createRouter()
  .openapi(createGeneration, createGenerationHandler)
  .openapi(getGeneration, getGenerationHandler)
  .openapi(getGenerationEvents, getGenerationEventsHandler)
  .openapi(getGenerationPreview, getGenerationPreviewHandler)
  .openapi(getMintArgs, getMintArgsHandler)
  .openapi(relayMint, relayMintHandler);
