import { access } from "node:fs/promises";
import type { GenerationStage } from "@proofmint/core";
import { ServerError } from "../errors.ts";
import type { JobFiles } from "./jobFiles.ts";

/** A job resumed at `stage` where the files its earlier stages wrote are not. */
export class JobFilesMissingError extends ServerError {
  override name = "JobFilesMissingError";
  constructor(stage: GenerationStage, missing: string[]) {
    super(
      `this prover has not the files stage ${stage} needs (resumed elsewhere?): ` +
        "starting again from the witness",
      { code: "JOB_FILES_MISSING", details: { stage, missing } },
    );
  }
}

/** The files each stage, and the stages after it, read from the job's folder. */
function neededBy(stage: GenerationStage, files: JobFiles): string[] {
  switch (stage) {
    case "render":
      return [files.witness, files.output];
    case "prove":
      return [files.witness, files.output, files.image];
    case "verify":
    case "store":
      return [files.output, files.image, files.proof];
    default:
      return [];
  }
}

/**
 * The files `stage` and the later stages need that are not in this process's job folder: a job
 * resumed on another prover (or after its folder was lost) has none, and then restarts from the
 * witness stage, the first that writes them.
 */
export async function missingJobFiles({
  stage,
  files,
}: {
  stage: GenerationStage;
  files: JobFiles;
}): Promise<string[]> {
  const needed = neededBy(stage, files);
  const present = await Promise.all(
    needed.map((path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  return needed.filter((_, i) => !present[i]);
}
