import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ProvingError } from "./errors.ts";

/**
 * The project's Python interpreter, creating `.venv` from requirements.txt on first use
 * (`scripts/python-env.sh` is idempotent and returns at once when the environment is current).
 */
export async function pythonEnv({ root }: { root: string }): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(join(root, "scripts/python-env.sh"), {
      maxBuffer: 1 << 20,
    });
    return stdout.trim();
  } catch (cause) {
    throw new ProvingError(
      "could not prepare the Python environment (scripts/python-env.sh)",
      {},
      cause,
    );
  }
}
