import { describe, expect, it } from "vitest";
import { ProofmintError } from "./ProofmintError.ts";

describe("ProofmintError", () => {
  it("keeps the short message, code and cause", () => {
    const cause = new Error("disk full");
    const error = new ProofmintError("could not store the image", { code: "STORE_FAILED", cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("could not store the image");
    expect(error.shortMessage).toBe("could not store the image");
    expect(error.code).toBe("STORE_FAILED");
    expect(error.cause).toBe(cause);
    expect(error.details).toBeUndefined();
  });

  it("appends details to the message, not to the short message", () => {
    const error = new ProofmintError("bad input", { code: "X", details: "value: 3" });
    expect(error.message).toBe("bad input\n\nDetails: value: 3");
    expect(error.shortMessage).toBe("bad input");
    expect(error.details).toBe("value: 3");
    expect("cause" in error).toBe(false);
  });
});
