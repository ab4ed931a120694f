import { serializeTokenMetadata, tokenMetadata, type IpfsUri } from "@proofmint/core";
import type { Hex } from "viem";
import { failpoint } from "../../faults/failpoint.ts";
import { modelInfo } from "../../models/modelInfo.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

const uri = (cid: { toString(): string }): IpfsUri => `ipfs://${cid.toString()}`;

/**
 * Puts the raw output, the image, the proof and the metadata document on IPFS. Content
 * addressing makes a repeated run store nothing new and return the same CIDs.
 */
export async function store({
  job,
  files,
  artifacts,
  store: content,
  chain,
  publicUrl,
}: StageContext): Promise<StageResult> {
  const model = modelInfo({ artifacts });
  const [outputCid, imageCid, proofCid] = await Promise.all([
    files.read(files.output).then((bytes) => content.add(bytes)),
    files.read(files.image).then((bytes) => content.add(bytes)),
    files.read(files.proof).then((bytes) => content.add(bytes)),
  ]);
  // The fault drills crash here: three documents stored, the metadata not yet.
  failpoint("store.between-documents");
  const metadata = tokenMetadata({
    prompt: job.prompt,
    model: model.name,
    modelId: model.modelId,
    srs: model.srs.kind,
    chainId: chain.chainId,
    collection: chain.collection,
    verifier: chain.verifier,
    aigcData: job.aigcData as Hex,
    imageUri: uri(imageCid),
    outputUri: uri(outputCid),
    proofUri: uri(proofCid),
    externalBaseUrl: publicUrl,
  });
  const metadataCid = await content.add(serializeTokenMetadata({ metadata }));
  const fields = {
    outputCid: outputCid.toString(),
    imageCid: imageCid.toString(),
    proofCid: proofCid.toString(),
    metadataCid: metadataCid.toString(),
  };
  return { fields, data: fields };
}
