import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./UsageError.ts";

/** `node:util` parseArgs (strict, with positionals), its errors turned into UsageError. */
export function parseCommandLine<const T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
