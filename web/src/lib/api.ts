// The server's API as the site uses it (server/README.md, /api/openapi.json). Same origin: the
// server serves the site, the API and the IPFS gateway on one port.
import type { GenerationStage } from "@proofmint/core";

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

export type CidLink = { cid: string; uri: string; url: string };

export type GenerationEvent = {
  id: number;
  type: string;
  data: Record<string, unknown>;
  at: string;
};

export type GenerationStatus = "queued" | "running" | "ready" | "minting" | "minted" | "failed";

export type Generation = {
  id: string;
  prompt: string;
  tokenId: string;
  status: GenerationStatus;
  /** The last stage completed. */
  stage: GenerationStage;
  recipient: string | null;
  aigcData: string | null;
  image: CidLink | null;
  metadata: CidLink | null;
  proof: CidLink | null;
  output: CidLink | null;
  mint: { commitTx: string | null; mintTx: string | null };
  error: { code: string; message: string } | null;
  createdAt: string;
  events: GenerationEvent[];
};

export type MintArgs = {
  chainId: number;
  collection: `0x${string}`;
  tokenId: string;
  commitMinDelay: number;
  salt: `0x${string}`;
  commitment: `0x${string}`;
  commit: { functionName: "commit"; args: [`0x${string}`] };
  mint: {
    functionName: "mint";
    args: [`0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, string];
  };
};

export type Token = {
  tokenId: string;
  prompt: string;
  owner: `0x${string}`;
  aigcData: string;
  tokenUri: string;
  metadataUrl: string | null;
  imageUrl: string | null;
  mintedBlock: number;
  mintedTx: `0x${string}`;
  mintedAt: string;
};

export type TokenDetail = Token & {
  metadata: Record<string, unknown> | null;
  generationId: string | null;
};

export type ModelInfo = {
  name: string;
  modelId: string;
  srs: { kind: "development" | "ceremony"; insecure: boolean };
  logrows: number;
  inputScale: number;
  outputScale: number;
  outputShape: number[];
  chainId: number;
  collection: `0x${string}`;
  verifier: `0x${string}`;
  /** The chain's JSON-RPC URL for browsers (the server's PUBLIC_RPC_URL, or its RPC_URL). */
  rpcUrl: string;
  prompt: { maxBytes: number; alphabet: string };
  /** Proving time measured on this server over its last proofs (ms; null before the first). */
  recentProofs?: { count: number; proveMedianMs: number | null; readyMedianMs: number | null };
};

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
    request<{ id: string; created: boolean; generation: Generation }>("/api/generations", {
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
    request<{ tokens: Token[]; total: number }>(`/api/tokens?limit=${limit}&offset=${offset}`),
  token: ({ id }: { id: string }) => request<TokenDetail>(`/api/tokens/${encodeURIComponent(id)}`),
  models: () => request<{ models: ModelInfo[] }>("/api/models"),
};
