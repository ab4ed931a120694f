import type { RouteHandler } from "@hono/zod-openapi";
import { getAddress, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { mintArgs } from "../chain/mintArgs.ts";
import { readMintProof } from "../chain/readMintProof.ts";
import { ConflictError, NotFoundError, UnavailableError } from "../errors.ts";
import { parseCid } from "../ipfs/parseCid.ts";
import type { AppEnv } from "../http/appEnv.ts";
import type { Services } from "../services.ts";
import { generationStatus, generationView } from "./generationView.ts";
import { previewCid } from "./previewCid.ts";
import type {
  createGeneration,
  getGeneration,
  getGenerationEvents,
  getGenerationPreview,
  getMintArgs,
  relayMint,
} from "./generations.routes.ts";
import { streamGenerationEvents } from "./streamGenerationEvents.ts";
import { submitGeneration } from "./submitGeneration.ts";

async function findJob(services: Services, id: string) {
  const job = await services.jobs.get(id);
  if (job === undefined) throw new NotFoundError("generation", id);
  return job;
}

export const createGenerationHandler: RouteHandler<typeof createGeneration, AppEnv> = async (c) => {
  const { prompt, recipient } = c.req.valid("json");
  const { services } = c.var;
  const { job, created } = await submitGeneration({
    services,
    prompt,
    recipient: recipient === undefined ? undefined : getAddress(recipient),
  });
  c.header("Location", `/api/generations/${job.id}`);
  return c.json(
    {
      id: job.id,
      status: generationStatus(job),
      created,
      generation: generationView(job, await services.jobs.events(job.id)),
    },
    202,
  );
};

export const getGenerationHandler: RouteHandler<typeof getGeneration, AppEnv> = async (c) => {
  const { services } = c.var;
  const job = await findJob(services, c.req.valid("param").id);
  return c.json(generationView(job, await services.jobs.events(job.id)), 200);
};

export const getGenerationEventsHandler: RouteHandler<typeof getGenerationEvents, AppEnv> = async (
  c,
) => {
  const { id } = c.req.valid("param");
  await findJob(c.var.services, id);
  const header = c.req.valid("header")["last-event-id"];
  const afterId = header !== undefined ? Number(header) : (c.req.valid("query").after ?? 0);
  return streamGenerationEvents(c, { jobId: id, afterId }) as never;
};

// The render stage puts the PNG in the content store and names its CID in its event; the store
// stage records the image's CID on the job. So: the preview while proving, the CID once stored.
// Both come from the content store, never from a job folder: the pipeline may run on another
// machine.
export const getGenerationPreviewHandler: RouteHandler<
  typeof getGenerationPreview,
  AppEnv
> = async (c) => {
  const { services } = c.var;
  const job = await findJob(services, c.req.valid("param").id);
  if (job.imageCid !== null) return c.redirect(`/ipfs/${job.imageCid}`, 302) as never;
  const cid = previewCid(await services.jobs.events(job.id));
  const bytes = cid === undefined ? undefined : await services.store.get(parseCid({ value: cid }));
  if (bytes === undefined) {
    throw new ConflictError("the image is not rendered yet", "GENERATION_NOT_READY", {
      stage: job.stage,
    });
  }
  c.header("content-type", "image/png");
  c.header("cache-control", "no-store");
  c.header("x-proofmint-proven", "false");
  return c.body(new Uint8Array(bytes), 200) as never;
};

export const getMintArgsHandler: RouteHandler<typeof getMintArgs, AppEnv> = async (c) => {
  const { services } = c.var;
  const job = await findJob(services, c.req.valid("param").id);
  const status = generationStatus(job);
  if (status === "minted") {
    throw new ConflictError("this generation is already minted", "PROMPT_ALREADY_MINTED", {
      tokenId: job.tokenId,
    });
  }
  if (job.stage !== "ready" && job.stage !== "mint") {
    const code = status === "failed" ? "GENERATION_FAILED" : "GENERATION_NOT_READY";
    throw new ConflictError(`this generation is ${status}, not ready to mint`, code, { status });
  }
  const args = mintArgs({
    chain: services.chain,
    prompt: job.prompt,
    aigcData: job.aigcData as Hex,
    proof: await readMintProof({ store: services.store, proofCid: job.proofCid! }),
    tokenUri: `ipfs://${job.metadataCid}`,
    to: getAddress(c.req.valid("query").to),
    salt: generatePrivateKey(),
  });
  return c.json(args, 200);
};

export const relayMintHandler: RouteHandler<typeof relayMint, AppEnv> = async (c) => {
  const { services } = c.var;
  if (services.chain.relayer === undefined) {
    throw new UnavailableError(
      "relayed minting is off: the server has no relayer key",
      "RELAYER_DISABLED",
    );
  }
  const job = await findJob(services, c.req.valid("param").id);
  const recipient = getAddress(c.req.valid("json").recipient);
  const status = generationStatus(job);
  if (status === "failed") throw new ConflictError("this generation failed", "GENERATION_FAILED");
  if (status === "minted") {
    throw new ConflictError("this generation is already minted", "PROMPT_ALREADY_MINTED", {
      tokenId: job.tokenId,
    });
  }
  if (job.recipient !== null && job.recipient !== recipient) {
    throw new ConflictError(`already minting to ${job.recipient}`, "MINT_IN_PROGRESS", {
      recipient: job.recipient,
    });
  }
  await services.jobs.setRecipient({ id: job.id, recipient });
  services.runner.wake();
  const updated = await findJob(services, job.id);
  return c.json(generationView(updated, await services.jobs.events(job.id)), 202);
};
