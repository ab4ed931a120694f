import type { LogLevel } from "./config/config.ts";

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/** Structured logs: one JSON object per line on stderr, with the fields of every parent logger. */
export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. `{ jobId }` or `{ requestId }`. */
  child(fields: LogFields): Logger;
};

/** Errors as plain data, with their cause chain; secrets never reach errors (see config/secret.ts). */
function serialize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const error = value as Error & { code?: unknown; details?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(depth < 3 && error.cause !== undefined
        ? { cause: serialize(error.cause, depth + 1) }
        : {}),
    };
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function createLogger({
  level,
  fields = {},
  write = (line) => process.stderr.write(`${line}\n`),
}: {
  level: LogLevel;
  fields?: LogFields;
  write?: (line: string) => void;
}): Logger {
  const log = (at: LogLevel, message: string, extra: LogFields = {}) => {
    if (LEVELS[at] < LEVELS[level]) return;
    const entry: LogFields = { time: new Date().toISOString(), level: at, msg: message };
    for (const [key, value] of Object.entries({ ...fields, ...extra })) {
      entry[key] = serialize(value);
    }
    write(JSON.stringify(entry));
  };
  return {
    debug: (message, extra) => log("debug", message, extra),
    info: (message, extra) => log("info", message, extra),
    warn: (message, extra) => log("warn", message, extra),
    error: (message, extra) => log("error", message, extra),
    child: (extra) => createLogger({ level, fields: { ...fields, ...extra }, write }),
  };
}
