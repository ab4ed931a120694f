import {
  outputCommitment,
  parseModelId,
  parseOutputBasis,
  proofCommitment,
  type QuantizedOutput,
} from "@proofmint/core";
import type { Hex } from "viem";
import type { CircuitArtifacts } from "../artifacts/CircuitArtifacts.ts";
import type { EnginePool } from "../engine/EnginePool.ts";
import { firstLine } from "../errors/firstLine.ts";
import { checkArtifactsModelId } from "./checkArtifactsModelId.ts";
import { hashedOutputCommitment } from "./hashedOutputCommitment.ts";
import type { LinkBook } from "./linkBook.ts";

export type CheckOutputCommitmentParameters = {
  engine: EnginePool;
  output: QuantizedOutput;
  /** Where the raw output came from, for messages. */
  uri: string;
  aigcData: Hex;
  /** The proof recorded on chain. */
  proof: Hex;
  modelId: string;
  /** The model's artifacts (being resolved): v3 needs their output basis. */
  circuit: Promise<CircuitArtifacts | undefined>;
  book: LinkBook;
};

/**
 * Sets the output-commitment link. For a v3 model: the KZG commitment of the raw output over the
 * model's basis (bound by the model id) is aigcData, and so is the proof's own first point, the
 * commitment the verifier checked. For a v2 model: ezkl's Poseidon hash of the raw output is.
 */
export async function checkOutputCommitment(
  parameters: CheckOutputCommitmentParameters,
): Promise<void> {
  const { output, uri, aigcData, modelId, book } = parameters;
  const link = "output-commitment";
  let version: number;
  try {
    version = parseModelId({ modelId }).version;
  } catch (error) {
    book.failed(link, firstLine(error));
    return;
  }
  const count = output.output.length;
  if (version === 2) {
    let rehashed: Hex;
    try {
      rehashed = await hashedOutputCommitment({ engine: parameters.engine, output: output.output });
    } catch (error) {
      book.failed(link, `the raw output ${uri} could not be hashed: ${firstLine(error)}`);
      return;
    }
    if (rehashed === aigcData) {
      book.passed(link, `Poseidon of the ${count} output values is ${aigcData} (a v2 model)`);
    } else {
      book.failed(
        link,
        `re-hashing the raw output ${uri} gives ${rehashed}, not the token's aigcData ${aigcData}`,
      );
    }
    return;
  }
  const artifacts = await parameters.circuit.catch(() => undefined);
  if (artifacts === undefined) {
    book.unsupported(link, `no output basis given for ${modelId} (pass artifacts, or --circuit)`);
    return;
  }
  const mismatch = checkArtifactsModelId({ artifacts, modelId });
  if (mismatch !== undefined) {
    book.failed(link, mismatch);
    return;
  }
  let recomputed: Hex;
  let carried: Hex;
  try {
    const basis = parseOutputBasis({ bytes: artifacts.outputBasis!, count });
    recomputed = outputCommitment({ output: output.output, basis });
    carried = proofCommitment({ proof: parameters.proof });
  } catch (error) {
    book.failed(link, `the output commitment of ${uri} could not be computed: ${firstLine(error)}`);
    return;
  }
  if (recomputed !== aigcData) {
    book.failed(
      link,
      `committing to the raw output ${uri} gives ${recomputed}, not the token's aigcData ${aigcData}`,
    );
  } else if (carried !== aigcData) {
    book.failed(link, `the proof commits to ${carried}, not to the token's aigcData ${aigcData}`);
  } else {
    book.passed(
      link,
      `the KZG commitment of the ${count} output values is ${aigcData}, the proof's own`,
    );
  }
}
