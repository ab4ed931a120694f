import type { QuantizedOutput } from "@proofmint/core";
import type { Hex } from "viem";
import type { EnginePool } from "../engine/EnginePool.ts";
import { firstLine } from "../errors/firstLine.ts";
import type { LinkBook } from "./linkBook.ts";
import { outputCommitmentInPool } from "./outputCommitment.ts";

/**
 * Sets the output-hash link: ezkl's Poseidon hash of the raw output (at `uri`) is the token's
 * aigcData. Fails, naming the cause, when the engine cannot compute it.
 */
export async function checkOutputHash({
  engine,
  output,
  uri,
  aigcData,
  book,
}: {
  engine: EnginePool;
  output: QuantizedOutput;
  uri: string;
  aigcData: Hex;
  book: LinkBook;
}): Promise<void> {
  const link = "output-hash";
  let rehashed: Hex;
  try {
    rehashed = await outputCommitmentInPool({ engine, output: output.output });
  } catch (error) {
    book.failed(link, `the raw output ${uri} could not be hashed: ${firstLine(error)}`);
    return;
  }
  if (rehashed === aigcData) {
    book.passed(link, `Poseidon of the ${output.output.length} output values is ${aigcData}`);
  } else {
    book.failed(
      link,
      `re-hashing the raw output ${uri} gives ${rehashed}, not the token's aigcData ${aigcData}`,
    );
  }
}
