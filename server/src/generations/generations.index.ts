import { createRouter } from "../http/appEnv.ts";
import {
  createGenerationHandler,
  getGenerationEventsHandler,
  getGenerationHandler,
  getMintArgsHandler,
  relayMintHandler,
} from "./generations.handlers.ts";
import {
  createGeneration,
  getGeneration,
  getGenerationEvents,
  getMintArgs,
  relayMint,
} from "./generations.routes.ts";

/** `/api/generations`: create, read, follow and mint generations. */
export const generationsRouter = createRouter()
  .openapi(createGeneration, createGenerationHandler)
  .openapi(getGeneration, getGenerationHandler)
  .openapi(getGenerationEvents, getGenerationEventsHandler)
  .openapi(getMintArgs, getMintArgsHandler)
  .openapi(relayMint, relayMintHandler);
