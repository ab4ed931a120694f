import { decode as decodeDagPb } from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import { identity } from "multiformats/hashes/identity";
import { sha256 } from "multiformats/hashes/sha2";
import { IpfsFetchError } from "../errors/errors.ts";

const RAW_CODEC = 0x55;
const DAG_PB_CODEC = 0x70;
const RAW_BLOCK = "application/vnd.ipld.raw";

export type FetchIpfsParameters = {
  /** Gateway origin (and optional path prefix), e.g. `https://ipfs.io`; `/ipfs/<cid>` is appended. */
  gateway: string;
  /** `ipfs://<cid>` or a bare CID. */
  uri: string;
  /** At most this many bytes in all (default 32 MiB): a hostile document cannot exhaust memory. */
  maxBytes?: number;
  fetch?: typeof globalThis.fetch;
};

/**
 * Fetches content from an IPFS gateway without trusting it: every block is requested raw
 * (`?format=raw`, the trustless gateway form), hashed and compared with its CID, and UnixFS files
 * are reassembled from their verified blocks. Supports raw and dag-pb CIDs hashed with SHA-256.
 *
 * @throws {IpfsFetchError} when the gateway fails, a block does not match its CID, or the content
 * is larger than `maxBytes`.
 * @example
 * const bytes = await fetchIpfs({ gateway: "http://127.0.0.1:8787", uri: tokenUri });
 */
export async function fetchIpfs({
  gateway,
  uri,
  maxBytes = 32 * 2 ** 20,
  fetch = globalThis.fetch,
}: FetchIpfsParameters): Promise<Uint8Array> {
  const text = uri.startsWith("ipfs://") ? uri.slice("ipfs://".length) : uri;
  let root: CID;
  try {
    root = CID.parse(text);
  } catch (cause) {
    throw new IpfsFetchError("not a CID", { cid: text, code: "IPFS_INVALID_CID", cause });
  }
  const base = gateway.replace(/\/+$/, "");
  let total = 0;
  const count = (bytes: Uint8Array, cid: CID) => {
    total += bytes.length;
    if (total > maxBytes) {
      throw new IpfsFetchError(`content is larger than ${maxBytes} bytes`, {
        cid: cid.toString(),
        code: "IPFS_TOO_LARGE",
      });
    }
  };
  const limit = limiter(BLOCK_REQUESTS_IN_FLIGHT);

  // A node's children are requested together (a few at a time); their bytes are counted as
  // they arrive, so `maxBytes` still bounds what is held, and joined in link order.
  const visit = async (cid: CID): Promise<Uint8Array[]> => {
    const block = await limit(() => fetchBlock({ base, cid, fetch }));
    if (cid.code === RAW_CODEC) {
      count(block, cid);
      return [block];
    }
    if (cid.code !== DAG_PB_CODEC) {
      throw new IpfsFetchError(`unsupported codec 0x${cid.code.toString(16)}`, {
        cid: cid.toString(),
        code: "IPFS_UNSUPPORTED",
      });
    }
    let node: ReturnType<typeof decodeDagPb>;
    let file: UnixFS;
    try {
      node = decodeDagPb(block);
      file = UnixFS.unmarshal(node.Data ?? new Uint8Array());
    } catch (cause) {
      throw new IpfsFetchError("block is not a UnixFS node", {
        cid: cid.toString(),
        code: "IPFS_MALFORMED",
        cause,
      });
    }
    if (file.type !== "file" && file.type !== "raw") {
      throw new IpfsFetchError(`UnixFS ${file.type} is not a file`, {
        cid: cid.toString(),
        code: "IPFS_UNSUPPORTED",
      });
    }
    const own = file.data === undefined ? [] : [file.data];
    for (const data of own) count(data, cid);
    const children = await Promise.all(node.Links.map((link) => visit(link.Hash)));
    return [...own, ...children.flat()];
  };

  const chunks = await visit(root);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Block requests one fetchIpfs call keeps in flight at most. */
const BLOCK_REQUESTS_IN_FLIGHT = 8;

/** Runs at most `slots` of the given tasks at a time, in the order they were asked. */
function limiter(slots: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

async function fetchBlock({
  base,
  cid,
  fetch,
}: {
  base: string;
  cid: CID;
  fetch: typeof globalThis.fetch;
}): Promise<Uint8Array> {
  const id = cid.toString();
  let response: Response;
  try {
    response = await fetch(`${base}/ipfs/${id}?format=raw`, { headers: { accept: RAW_BLOCK } });
  } catch (cause) {
    throw new IpfsFetchError(`the gateway ${base} cannot be reached`, {
      cid: id,
      code: "IPFS_GATEWAY_UNREACHABLE",
      cause,
    });
  }
  if (!response.ok) {
    throw new IpfsFetchError(`the gateway answered ${response.status} for the block`, {
      cid: id,
      code: response.status === 404 ? "IPFS_NOT_FOUND" : "IPFS_GATEWAY_FAILED",
    });
  }
  const block = new Uint8Array(await response.arrayBuffer());
  const { code, digest } = cid.multihash;
  const actual =
    code === sha256.code
      ? (await sha256.digest(block)).digest
      : code === identity.code
        ? identity.digest(block).digest
        : undefined;
  if (actual === undefined) {
    throw new IpfsFetchError(`unsupported hash function 0x${code.toString(16)}`, {
      cid: id,
      code: "IPFS_UNSUPPORTED",
    });
  }
  if (actual.length !== digest.length || actual.some((byte, index) => byte !== digest[index])) {
    throw new IpfsFetchError("the gateway returned bytes that do not hash to the CID", {
      cid: id,
      code: "IPFS_HASH_MISMATCH",
    });
  }
  return block;
}
