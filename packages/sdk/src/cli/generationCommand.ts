import { normalizePrompt, ProofmintError, type ApiSchema } from "@proofmint/core";
import { getAddress, isAddress } from "viem";
import { ServerApiError } from "../errors/errors.ts";
import type { GenerationEvent } from "../events/parseGenerationEvents.ts";
import { followGeneration } from "./followGeneration.ts";
import { parseCommandLine } from "./parseCommandLine.ts";
import { UsageError } from "./UsageError.ts";

export const GENERATE_USAGE = "proofmint generate <prompt> [--server <url>] [--json]";
export const MINT_USAGE = "proofmint mint <prompt> --to <address> [--server <url>] [--json]";

/**
 * `proofmint generate` and `proofmint mint`: submit a prompt to a running server
 * (`POST /api/generations`, with `recipient` for a relayed mint), print its progress on stderr
 * from the event stream, and the generation on stdout once it is ready (generate) or minted
 * (mint). Exit code 0 on success, 1 when the generation fails or the server refuses it.
 */
export async function generationCommand({
  mode,
  args,
  write,
  log,
}: {
  mode: "generate" | "mint";
  args: string[];
  write: (text: string) => void;
  log: (text: string) => void;
}): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: "string", default: "http://127.0.0.1:8787" },
      to: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const usage = mode === "mint" ? MINT_USAGE : GENERATE_USAGE;
  if (positionals.length !== 1) throw new UsageError(`usage: ${usage}`);
  let prompt: string;
  try {
    prompt = normalizePrompt({ input: positionals[0]! });
  } catch (error) {
    throw new UsageError(`the prompt cannot be used: ${(error as ProofmintError).shortMessage}`);
  }
  if (mode === "generate" && values.to !== undefined) {
    throw new UsageError("--to is for `proofmint mint`");
  }
  if (mode === "mint" && (values.to === undefined || !isAddress(values.to, { strict: false }))) {
    throw new UsageError(`--to <address> is required: the 0x address that receives the token`);
  }
  if (!/^https?:\/\//.test(values.server)) {
    throw new UsageError(`--server must be an http(s) URL, not "${values.server}"`);
  }
  const server = values.server.replace(/\/+$/, "");
  const recipient = values.to === undefined ? undefined : getAddress(values.to);

  const created = await request<ApiSchema<"GenerationAccepted">>(`${server}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, ...(recipient === undefined ? {} : { recipient }) }),
  });
  log(`generation ${created.id} for "${prompt}"\n`);
  const terminal = mode === "mint" ? ["minted", "failed"] : ["ready", "minted", "failed"];
  await followGeneration({
    server,
    id: created.id,
    onEvent: (event) => log(`  ${describeEvent(event)}\n`),
    done: (event) => terminal.includes(event.type),
  });
  const generation = await request<ApiSchema<"Generation">>(
    `${server}/api/generations/${created.id}`,
  );
  const succeeded = mode === "mint" ? generation.status === "minted" : generation.error === null;
  if (values.json) {
    write(`${JSON.stringify(generation, null, 2)}\n`);
  } else if (succeeded) {
    write(
      [
        `${generation.status}: token ${generation.tokenId}`,
        `  prompt    ${generation.prompt}`,
        `  aigcData  ${generation.aigcData}`,
        `  image     ${generation.image?.uri} (${server}${generation.image?.url})`,
        `  metadata  ${generation.metadata?.uri}`,
        ...(generation.mint.mintTx ? [`  mint tx   ${generation.mint.mintTx}`] : []),
        "",
      ].join("\n"),
    );
  } else {
    write(
      `failed: ${generation.error?.code ?? generation.status}: ${generation.error?.message ?? ""}\n`,
    );
  }
  return succeeded ? 0 : 1;
}

function describeEvent({ type, data }: GenerationEvent): string {
  const stage = typeof data.stage === "string" ? ` ${data.stage}` : "";
  return `${type}${stage}`;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new ServerApiError(`cannot reach ${new URL(url).origin}`, {
      code: "SERVER_UNREACHABLE",
      cause,
    });
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string } }) | null;
  if (!response.ok || body === null) {
    throw new ServerApiError(
      body?.error
        ? `${body.error.code}: ${body.error.message}`
        : `the server answered ${response.status}`,
      { code: body?.error?.code ?? "SERVER_FAILED", status: response.status },
    );
  }
  return body;
}
