import { SdkError } from "./SdkError.ts";

/** A parameter of an SDK function (or a CLI argument) is malformed. */
export class InvalidParameterError extends SdkError {
  override name = "InvalidParameterError";
  readonly parameter: string;

  constructor({ parameter, expected }: { parameter: string; expected: string }) {
    super(`${parameter} must be ${expected}`, { code: "INVALID_PARAMETER" });
    this.parameter = parameter;
  }
}

/** The IPFS gateway did not return a block, or returned one that does not hash to its CID. */
export class IpfsFetchError extends SdkError {
  override name = "IpfsFetchError";
  readonly cid: string;

  constructor(
    shortMessage: string,
    { cid, code, cause }: { cid: string; code: string; cause?: unknown },
  ) {
    super(shortMessage, { code, cause, details: `cid ${cid}` });
    this.cid = cid;
  }
}

/** Circuit artifacts (verifying key, settings, verification SRS, manifest) are missing or malformed. */
export class CircuitArtifactsError extends SdkError {
  override name = "CircuitArtifactsError";

  constructor(shortMessage: string, { cause }: { cause?: unknown } = {}) {
    super(shortMessage, { code: "CIRCUIT_ARTIFACTS_INVALID", cause });
  }
}

/**
 * The ezkl engine could not run a call: its WebAssembly did not load, or its worker could not
 * start or stopped. Not a verdict on the token: the links that needed the engine fail with this
 * message.
 */
export class EngineError extends SdkError {
  override name = "EngineError";

  constructor(shortMessage: string, { cause }: { cause?: unknown } = {}) {
    super(shortMessage, { code: "ENGINE_FAILED", cause });
  }
}

/** A proofmint server answered with an error or something unexpected. */
export class ServerApiError extends SdkError {
  override name = "ServerApiError";
  readonly status: number | undefined;

  constructor(
    shortMessage: string,
    { code, status, cause }: { code: string; status?: number; cause?: unknown },
  ) {
    super(shortMessage, {
      code,
      cause,
      details: status === undefined ? undefined : `HTTP ${status}`,
    });
    this.status = status;
  }
}
