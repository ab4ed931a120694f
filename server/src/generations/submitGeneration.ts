import { normalizePrompt, promptTokenId, PromptError, validatePrompt } from "@proofmint/core";
import { eq } from "drizzle-orm";
import type { Address } from "viem";
import { isTokenMinted } from "../chain/isTokenMinted.ts";
import type { Job } from "../db/schema.ts";
import { ConflictError, QueueFullError, ServerError } from "../errors.ts";
import type { Services } from "../services.ts";

/** The prompt is not canonical, but normalising it gives a canonical one: say which. */
export class PromptNotCanonicalError extends ServerError {
  override name = "PromptNotCanonicalError";
  constructor(canonical: string, cause: PromptError) {
    super(`${cause.shortMessage}; the canonical form of this prompt is "${canonical}": send that`, {
      code: "PROMPT_NOT_CANONICAL",
      details: { canonical, rule: cause.code, position: cause.position },
      cause,
    });
  }
}

/**
 * The prompt exactly as it will be minted. Prompts are not silently rewritten (the token id is
 * the hash of these bytes); a prompt that normalises to a canonical one is refused with that
 * suggestion, any other with the rule and position it breaks.
 */
function canonicalPrompt(prompt: string): string {
  try {
    validatePrompt({ prompt });
    return prompt;
  } catch (error) {
    if (!(error instanceof PromptError)) throw error;
    let canonical: string;
    try {
      canonical = normalizePrompt({ input: prompt });
    } catch {
      throw error;
    }
    throw new PromptNotCanonicalError(canonical, error);
  }
}

/**
 * Validates a prompt and queues its generation: refuses a minted prompt (409) before any work,
 * returns the live job of the same prompt and recipient instead of proving twice, and refuses
 * with a Retry-After when the queue is full (429).
 */
export async function submitGeneration({
  services,
  prompt: input,
  recipient,
}: {
  services: Services;
  prompt: string;
  recipient: Address | undefined;
}): Promise<{ job: Job; created: boolean }> {
  const { db, jobs, chain, runner, config } = services;
  const prompt = canonicalPrompt(input);
  const tokenId = promptTokenId({ prompt });
  const minted = () =>
    new ConflictError(
      `"${prompt}" is already minted as token ${tokenId}`,
      "PROMPT_ALREADY_MINTED",
      {
        tokenId: tokenId.toString(),
      },
    );
  const { tokens } = db.tables;
  const [indexed] = await db.read((q) =>
    q.select({ id: tokens.tokenId }).from(tokens).where(eq(tokens.tokenId, tokenId.toString())),
  );
  if (indexed !== undefined) throw minted();
  if (await isTokenMinted({ chain, tokenId })) throw minted();

  // The checks (a live job of this prompt, room in the queue) and the insert are one transaction,
  // serialised with every other submission on any server sharing the database, so neither a
  // prompt twice nor the queue's limit is raced past.
  const submitted = await jobs.transaction(async () => {
    await db.lockKey("generation-submissions");
    const live = await jobs.findLiveByPrompt(prompt);
    if (live !== undefined && live.stage !== "minted" && live.recipient === (recipient ?? null)) {
      return { job: live, created: false };
    }
    const pending = await jobs.pendingCount();
    if (pending >= config.jobs.queueLimit) {
      throw new QueueFullError({ pending, retryAfterSeconds: runner.retryAfterSeconds(pending) });
    }
    const job = await jobs.create({ prompt, tokenId, recipient: recipient ?? null });
    return { job, created: true };
  });
  if (submitted.created) runner.wake();
  return submitted;
}
