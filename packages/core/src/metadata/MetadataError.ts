import { ProofmintError } from "../errors/ProofmintError.ts";

export type MetadataErrorParameters = {
  /** The offending field as a JSON path, e.g. `provenance.chain_id`. */
  path: string;
  /** What the field must be, e.g. "a positive integer". */
  expected: string;
};

/** Token metadata, or a value meant for it, breaks the metadata schema (v1). */
export class MetadataError extends ProofmintError {
  override name = "MetadataError";
  readonly path: string;

  constructor({ path, expected }: MetadataErrorParameters) {
    super(`metadata field ${path} must be ${expected}`, { code: "METADATA_INVALID" });
    this.path = path;
  }
}
