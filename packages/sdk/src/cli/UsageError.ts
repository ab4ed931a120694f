import { SdkError } from "../errors/SdkError.ts";

/** The command line is malformed: the CLI prints the message and exits with code 2. */
export class UsageError extends SdkError {
  override name = "UsageError";

  constructor(shortMessage: string) {
    super(shortMessage, { code: "USAGE" });
  }
}
