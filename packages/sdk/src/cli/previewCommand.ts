import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { normalizePrompt, PromptError } from "@proofmint/core";
import { previewPng, readPreviewCircuit } from "../preview/previewImage.ts";
import { DEFAULT_CIRCUIT_DIR } from "./defaultCircuit.ts";
import { parseCommandLine } from "./parseCommandLine.ts";
import { RejectedInputError, UsageError } from "./UsageError.ts";

export const PREVIEW_USAGE =
  "proofmint preview --out-dir <dir> [--prompts <file>] [--circuit <dir>] [prompt ...]";

/**
 * `proofmint preview`: for each prompt (the file's lines, then the arguments), writes exactly the
 * PNG the platform would mint as `<out-dir>/<n>.png`, n = 1, 2, ... in input order, without
 * proving. Every prompt is checked before anything is written: one it cannot mint stops the run
 * with exit code 2, naming it and why.
 */
export async function previewCommand({
  args,
  write,
}: {
  args: string[];
  write: (text: string) => void;
}): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      "out-dir": { type: "string" },
      prompts: { type: "string" },
      circuit: { type: "string", default: DEFAULT_CIRCUIT_DIR },
    },
  });
  const outDir = values["out-dir"];
  if (outDir === undefined) throw new UsageError(`--out-dir is required: ${PREVIEW_USAGE}`);
  const inputs = [...(await promptFileLines(values.prompts)), ...positionals];
  if (inputs.length === 0) throw new UsageError(`give prompts: ${PREVIEW_USAGE}`);
  const prompts = inputs.map((input, index) => {
    try {
      return normalizePrompt({ input });
    } catch (error) {
      if (!(error instanceof PromptError)) throw error;
      throw new RejectedInputError(
        `prompt ${index + 1} ${JSON.stringify(input)} cannot be minted: ${error.shortMessage}`,
      );
    }
  });
  const circuit = await readPreviewCircuit({ dir: resolve(values.circuit) });
  const { genWitness } = await import("@ezkljs/engine");
  await mkdir(outDir, { recursive: true });
  for (const [index, prompt] of prompts.entries()) {
    const path = join(outDir, `${index + 1}.png`);
    await writeFile(path, previewPng({ prompt, circuit, genWitness }));
    write(`${path}\t${prompt}\n`);
  }
  return 0;
}

async function promptFileLines(path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --prompts ${path}: ${(error as Error).message}`);
  }
  // One prompt per line; blank lines are skipped so a trailing newline adds nothing.
  return text.split(/\r?\n/).filter((line) => line.trim() !== "");
}
