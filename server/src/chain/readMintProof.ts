import type { Hex } from "viem";
import type { ContentStore } from "../ipfs/contentStore.ts";
import { ContentNotFoundError } from "../ipfs/errors.ts";
import { parseCid } from "../ipfs/parseCid.ts";
import { ServerError } from "../errors.ts";

/** The proof bytes the on-chain verifier takes (`hex_proof` of ezkl's proof JSON on IPFS). */
export async function readMintProof({
  store,
  proofCid,
}: {
  store: ContentStore;
  proofCid: string;
}): Promise<Hex> {
  const bytes = await store.get(parseCid({ value: proofCid }));
  if (bytes === undefined) throw new ContentNotFoundError(proofCid);
  const { hex_proof } = JSON.parse(new TextDecoder().decode(bytes)) as { hex_proof?: string };
  if (!hex_proof?.startsWith("0x")) {
    throw new ServerError("the stored proof has no hex_proof", {
      code: "PROOF_MALFORMED",
      details: { proofCid },
    });
  }
  return hex_proof as Hex;
}
