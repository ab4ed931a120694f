/** The scales a circuit quantizes with, from ezkl's settings.json. */
export type CircuitScales = {
  /** `model_input_scales[0]`: the prompt instances are `byte << inputScale`. */
  inputScale: number | undefined;
  /** `model_output_scales[0]`: an output value q stands for q / 2^outputScale. */
  outputScale: number | undefined;
};

function firstInteger(value: unknown): number | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof first === "number" && Number.isInteger(first) ? first : undefined;
}

/**
 * Reads the model's input and output scales from the bytes of ezkl's settings.json. A scale is
 * undefined when the file is not JSON or does not state it; callers say which one they needed.
 *
 * @example
 * const { outputScale } = readCircuitScales({ settings: artifacts.settings });
 */
export function readCircuitScales({ settings }: { settings: Uint8Array }): CircuitScales {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(settings));
  } catch {
    return { inputScale: undefined, outputScale: undefined };
  }
  const fields = (typeof document === "object" && document !== null ? document : {}) as {
    model_input_scales?: unknown;
    model_output_scales?: unknown;
  };
  return {
    inputScale: firstInteger(fields.model_input_scales),
    outputScale: firstInteger(fields.model_output_scales),
  };
}
