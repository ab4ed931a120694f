import { ServerError } from "../errors.ts";

/** The configuration is invalid; `problems` lists every variable to fix, one line each. */
export class ConfigError extends ServerError {
  override name = "ConfigError";
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((line) => `  - ${line}`).join("\n")}`, {
      code: "CONFIG_INVALID",
      details: { problems },
    });
    this.problems = problems;
  }
}
