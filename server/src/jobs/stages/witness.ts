import { serializeQuantizedOutput } from "@proofmint/core";
import { computeWitness } from "../../prover/index.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

/**
 * Runs the model in the circuit for the job's prompt: writes the witness (the prover's input)
 * and the quantized output document, and records the output commitment (aigcData).
 */
export async function witness({
  job,
  files,
  artifacts,
  engine,
}: StageContext): Promise<StageResult> {
  const computed = await computeWitness({ prompt: job.prompt, artifacts, engine });
  const [height, width] = artifacts.outputShape;
  await files.write(files.witness, computed.json);
  await files.write(
    files.output,
    serializeQuantizedOutput({
      output: computed.output,
      height,
      width,
      outputScale: artifacts.outputScale,
    }),
  );
  const { aigcData } = computed;
  return { fields: { aigcData }, data: { aigcData } };
}
