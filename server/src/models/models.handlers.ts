import type { RouteHandler } from "@hono/zod-openapi";
import { PROMPT_ALLOWED_CHARACTERS, PROMPT_MAX_BYTES } from "@proofmint/core";
import type { AppEnv } from "../http/appEnv.ts";
import { modelInfo } from "./modelInfo.ts";
import { recentProofs } from "./recentProofs.ts";
import type { listModels } from "./models.routes.ts";

export const listModelsHandler: RouteHandler<typeof listModels, AppEnv> = async (c) => {
  const { artifacts, chain, config, jobs } = c.var.services;
  const info = modelInfo({ artifacts });
  return c.json(
    {
      models: [
        {
          ...info,
          outputShape: [...artifacts.outputShape],
          chainId: chain.chainId,
          rpcUrl: config.chain.publicRpcUrl,
          collection: chain.collection,
          verifier: chain.verifier,
          deploymentBlock: config.chain.deploymentBlock.toString(),
          prompt: { maxBytes: PROMPT_MAX_BYTES, alphabet: PROMPT_ALLOWED_CHARACTERS },
          recentProofs: await recentProofs({ jobs }),
        },
      ],
    },
    200,
  );
};
