import { inspect } from "node:util";

/**
 * A value that must never reach a log or a response: it prints as `[redacted]` through
 * `JSON.stringify`, `console.log` and template strings; only `reveal()` returns it.
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toJSON(): string {
    return "[redacted]";
  }

  toString(): string {
    return "[redacted]";
  }

  [inspect.custom](): string {
    return "[redacted]";
  }
}
