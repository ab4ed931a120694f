import type { StageContext, StageResult } from "./stageContext.ts";

/** Everything is on IPFS: the job's working files are no longer needed. */
export async function ready({ job, files }: StageContext): Promise<StageResult> {
  await files.remove();
  return {
    data: {
      tokenId: job.tokenId,
      tokenUri: `ipfs://${job.metadataCid}`,
      imageCid: job.imageCid,
      metadataCid: job.metadataCid,
    },
  };
}
