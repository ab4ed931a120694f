import type { components } from "../generated/api.ts";

/**
 * A shape of the server's API by its name in the OpenAPI document (`GET /api/openapi.json`), as
 * generated into `generated/api.ts`: the one source of every response type the site, the CLI
 * and the tests read. Never re-declare one by hand (`npm run check` refuses it).
 *
 * @example
 * type Generation = ApiSchema<"Generation">;
 */
export type ApiSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
