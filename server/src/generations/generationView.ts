import { z } from "@hono/zod-openapi";
import {
  GENERATION_EVENT_TYPES,
  GENERATION_STAGES,
  GENERATION_STATUSES,
  type GenerationStatus,
} from "@proofmint/core";
import type { Job, JobEvent } from "../db/schema.ts";
import { HexString } from "../http/hexString.ts";

export const JobEventSchema = z
  .object({
    id: z.number().int().openapi({ description: "Also the SSE event id" }),
    type: z.string().openapi({
      description: `One of ${GENERATION_EVENT_TYPES.join(", ")}: also the SSE event type`,
      example: "stage",
    }),
    data: z.record(z.string(), z.unknown()),
    at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("GenerationEvent");

const cidLink = z.object({ cid: z.string(), uri: z.string(), url: z.string() });

export const GenerationSchema = z
  .object({
    id: z.string().uuid(),
    prompt: z.string(),
    tokenId: z.string().openapi({ description: "uint256(keccak256(prompt)), decimal" }),
    status: z.enum(GENERATION_STATUSES),
    stage: z.enum(GENERATION_STAGES).openapi({ description: "The last stage completed" }),
    recipient: HexString.nullable(),
    aigcData: HexString.nullable(),
    image: cidLink.nullable(),
    metadata: cidLink.nullable(),
    proof: cidLink.nullable(),
    output: cidLink.nullable(),
    mint: z.object({ commitTx: HexString.nullable(), mintTx: HexString.nullable() }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
    events: z
      .array(JobEventSchema)
      .openapi({ description: "Progress so far: the polling fallback of the event stream" }),
  })
  .openapi("Generation");

export type GenerationView = z.infer<typeof GenerationSchema>;

/** The status a client sees, derived from the stage, the lease and the error. */
export function generationStatus(job: Job): GenerationStatus {
  if (job.errorCode !== null) return "failed";
  if (job.stage === "minted") return "minted";
  if (job.stage === "mint" || (job.stage === "ready" && job.recipient !== null)) return "minting";
  if (job.stage === "ready") return "ready";
  return job.leaseOwner === null ? "queued" : "running";
}

export function eventView(event: JobEvent): z.infer<typeof JobEventSchema> {
  return {
    id: event.id,
    type: event.type,
    data: JSON.parse(event.data) as Record<string, unknown>,
    at: new Date(event.createdAt).toISOString(),
  };
}

function link(cid: string | null) {
  return cid === null ? null : { cid, uri: `ipfs://${cid}`, url: `/ipfs/${cid}` };
}

export function generationView(job: Job, events: JobEvent[]): GenerationView {
  return {
    id: job.id,
    prompt: job.prompt,
    tokenId: job.tokenId,
    status: generationStatus(job),
    stage: job.stage,
    recipient: job.recipient,
    aigcData: job.aigcData,
    image: link(job.imageCid),
    metadata: link(job.metadataCid),
    proof: link(job.proofCid),
    output: link(job.outputCid),
    mint: { commitTx: job.commitTx, mintTx: job.mintTx },
    error: job.errorCode === null ? null : { code: job.errorCode, message: job.errorMessage ?? "" },
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
    events: events.map(eventView),
  };
}
