import { BaseError } from "viem";
import { CircuitArtifactsError, InvalidParameterError } from "../errors/errors.ts";
import { SdkError } from "../errors/SdkError.ts";
import { GENERATE_USAGE, MINT_USAGE, generationCommand } from "./generationCommand.ts";
import { PREVIEW_USAGE, previewCommand } from "./previewCommand.ts";
import { RejectedInputError, UsageError } from "./UsageError.ts";
import { VERIFY_USAGE, verifyCommand } from "./verifyCommand.ts";

const USAGE = `usage:
  ${VERIFY_USAGE}
  ${GENERATE_USAGE}
  ${MINT_USAGE}
  ${PREVIEW_USAGE}

verify checks every link of a token's chain of provenance (exit 0 only when all pass);
generate and mint drive a running proofmint server; preview writes the PNG each prompt would
mint, without proving.
`;

/**
 * The `proofmint` command line: returns the exit code (0 success, 1 a failed verification or
 * generation, 2 bad input).
 *
 * @example
 * process.exitCode = await runCli({ args: process.argv.slice(2), stdout, stderr });
 */
export async function runCli({
  args,
  stdout,
  stderr,
}: {
  args: string[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "verify":
        return await verifyCommand({ args: rest, write: stdout });
      case "generate":
      case "mint":
        return await generationCommand({ mode: command, args: rest, write: stdout, log: stderr });
      case "preview":
        return await previewCommand({ args: rest, write: stdout });
      case "help":
      case "--help":
      case "-h":
        stdout(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? "no command" : `unknown command "${command}"`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof RejectedInputError ||
      error instanceof InvalidParameterError ||
      error instanceof CircuitArtifactsError
    ) {
      stderr(
        `proofmint: ${error.shortMessage}\n${error instanceof UsageError ? `\n${USAGE}` : ""}`,
      );
      return 2;
    }
    const message =
      error instanceof SdkError || error instanceof BaseError
        ? error.shortMessage
        : (error as Error).message;
    stderr(`proofmint: ${message}\n`);
    return 1;
  }
}
