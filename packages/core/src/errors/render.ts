import { ProofmintError } from "./ProofmintError.ts";

export type RenderDimensionErrorParameters = {
  /** Parameter name, e.g. "height". */
  name: string;
  value: number;
  /** Smallest value allowed. */
  minimum: number;
};

/** An image size (height, width, display size) is not an integer at or above its minimum. */
export class RenderDimensionError extends ProofmintError {
  override name = "RenderDimensionError";
  readonly value: number;

  constructor({ name, value, minimum }: RenderDimensionErrorParameters) {
    super(`${name} must be an integer of at least ${minimum}, got ${value}`, {
      code: "RENDER_INVALID_DIMENSION",
    });
    this.value = value;
  }
}

export type RenderLengthErrorParameters = {
  /** What has the wrong length, e.g. "output" or "rgb". */
  name: string;
  actual: number;
  height: number;
  width: number;
};

/** The values do not fill a height x width RGB image exactly (height * width * 3 values, HWC). */
export class RenderLengthError extends ProofmintError {
  override name = "RenderLengthError";

  constructor({ name, actual, height, width }: RenderLengthErrorParameters) {
    super(
      `${name} has ${actual} values; a ${height}x${width} RGB image needs ${height * width * 3}`,
      { code: "RENDER_INVALID_LENGTH" },
    );
  }
}

export type RenderValueErrorParameters = {
  index: number;
  value: unknown;
};

/** A quantized output value is not an integer (a bigint, or a number that is a safe integer). */
export class RenderValueError extends ProofmintError {
  override name = "RenderValueError";
  readonly index: number;

  constructor({ index, value }: RenderValueErrorParameters) {
    super(`output value at index ${index} is not a safe integer: ${String(value)}`, {
      code: "RENDER_INVALID_VALUE",
    });
    this.index = index;
  }
}
