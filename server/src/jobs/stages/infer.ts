import { aigcDataFromField, promptInstances, serializeQuantizedOutput } from "@proofmint/core";
import { parseWitness, witnessInput } from "../../prover/index.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

/**
 * Runs the model in the circuit for the job's prompt: writes the witness (the prover's input)
 * and the quantized output document, and records the output commitment (aigcData).
 */
export async function infer({ job, files, artifacts, engine }: StageContext): Promise<StageResult> {
  const instances = promptInstances({ prompt: job.prompt, inputScale: artifacts.inputScale });
  const clamped = witnessInput({ promptInstances: instances });
  const input = new Uint8Array(clamped.buffer, clamped.byteOffset, clamped.byteLength);
  const witness = parseWitness({
    json: await engine.witness({ compiledCircuit: artifacts.compiledCircuit, input }),
  });
  const [height, width] = artifacts.outputShape;
  await files.write(files.witness, witness.json);
  await files.write(
    files.output,
    serializeQuantizedOutput({
      output: witness.output,
      height,
      width,
      outputScale: artifacts.outputScale,
    }),
  );
  const aigcData = aigcDataFromField({ value: witness.aigcData });
  return { fields: { aigcData }, data: { aigcData } };
}
