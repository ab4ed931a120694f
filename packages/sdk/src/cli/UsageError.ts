import { SdkError } from "../errors/SdkError.ts";

/** The command line is malformed: the CLI prints the message and exits with code 2. */
export class UsageError extends SdkError {
  override name = "UsageError";

  constructor(shortMessage: string) {
    super(shortMessage, { code: "USAGE" });
  }
}

/** An input the command cannot accept (a prompt it cannot mint): exit code 2, no usage text. */
export class RejectedInputError extends SdkError {
  override name = "RejectedInputError";

  constructor(shortMessage: string) {
    super(shortMessage, { code: "INPUT_REJECTED" });
  }
}
