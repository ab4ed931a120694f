import { GENERATION_STAGES, type GenerationStage } from "./generationStages.ts";

export type NextStageParameters = {
  /** The last stage the generation completed. */
  stage: GenerationStage;
  /** Who a relayed mint goes to; null when the creator mints from a wallet. */
  recipient: string | null;
  /** Set once the generation failed for good. */
  errorCode: string | null;
};

/**
 * The stage a generation runs next, or undefined when the server has nothing left to do for it:
 * the stages in order up to `ready`, then `mint` only for a relayed mint (a wallet mint happens
 * outside the server), and nothing after a failure.
 *
 * @example
 * nextStage({ stage: "store", recipient: null, errorCode: null }) // "ready"
 */
export function nextStage({
  stage,
  recipient,
  errorCode,
}: NextStageParameters): GenerationStage | undefined {
  if (errorCode !== null) return undefined;
  if (stage === "ready") return recipient === null ? undefined : "mint";
  if (stage === "mint" || stage === "minted") return undefined;
  return GENERATION_STAGES[GENERATION_STAGES.indexOf(stage) + 1];
}
