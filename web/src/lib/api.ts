// The server's API as the site uses it (server/README.md, /api/openapi.json). Same origin: the
// server serves the site, the API and the IPFS gateway on one port.
import type { ApiSchema } from "@proofmint/core";

/** An error answer of the API: `{error: {code, message}}` with a stable code. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: string;
  readonly status: number;
  /** Seconds, for 429 (queue full). */
  readonly retryAfter: number | undefined;

  constructor({
    code,
    message,
    status,
    retryAfter,
  }: {
    code: string;
    message: string;
    status: number;
    retryAfter?: number | undefined;
  }) {
    super(message);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

// Every shape below is derived from the server's OpenAPI document (packages/core/src/generated).
export type Generation = ApiSchema<"Generation">;
export type GenerationEvent = ApiSchema<"GenerationEvent">;
export type MintArgs = ApiSchema<"MintArgs">;
export type Token = ApiSchema<"Token">;
export type TokenDetail = ApiSchema<"TokenDetail">;
export type ModelInfo = ApiSchema<"Model">;

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: "application/json", "content-type": "application/json" },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ApiError({
      code: error?.code ?? `HTTP_${response.status}`,
      message: error?.message ?? `the server answered ${response.status}`,
      status: response.status,
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  return body as T;
}

export const api = {
  createGeneration: ({ prompt, recipient }: { prompt: string; recipient?: string }) =>
    request<ApiSchema<"GenerationAccepted">>("/api/generations", {
      method: "POST",
      body: JSON.stringify(recipient === undefined ? { prompt } : { prompt, recipient }),
    }),
  generation: ({ id }: { id: string }) =>
    request<Generation>(`/api/generations/${encodeURIComponent(id)}`),
  mintArgs: ({ id, to }: { id: string; to: string }) =>
    request<MintArgs>(
      `/api/generations/${encodeURIComponent(id)}/mint?to=${encodeURIComponent(to)}`,
    ),
  relayMint: ({ id, recipient }: { id: string; recipient: string }) =>
    request<Generation>(`/api/generations/${encodeURIComponent(id)}/mint`, {
      method: "POST",
      body: JSON.stringify({ recipient }),
    }),
  tokens: ({ limit, offset }: { limit: number; offset: number }) =>
    request<ApiSchema<"TokenPage">>(`/api/tokens?limit=${limit}&offset=${offset}`),
  token: ({ id }: { id: string }) => request<TokenDetail>(`/api/tokens/${encodeURIComponent(id)}`),
  models: () => request<ApiSchema<"ModelList">>("/api/models"),
};
