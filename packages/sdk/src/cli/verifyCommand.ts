import { getAddress, isAddress } from "viem";
import type { CircuitArtifacts } from "../artifacts/CircuitArtifacts.ts";
import { fetchCircuitArtifacts } from "../artifacts/fetchCircuitArtifacts.ts";
import { readCircuitArtifacts } from "../artifacts/readCircuitArtifacts.ts";
import { verifyAigc } from "../verify/verifyAigc.ts";
import { formatReport } from "./formatReport.ts";
import { parseCommandLine } from "./parseCommandLine.ts";
import { UsageError } from "./UsageError.ts";

export const VERIFY_USAGE =
  "proofmint verify <collection> <tokenId> --rpc <url> [--gateway <url>] " +
  "[--circuit <dir|url>] [--allow-dev-srs] [--from-block <n>] [--json]";

/** `proofmint verify`: prints the report; exit code 0 only when every link passed. */
export async function verifyCommand({
  args,
  write,
}: {
  args: string[];
  write: (text: string) => void;
}): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      rpc: { type: "string" },
      gateway: { type: "string", default: "https://ipfs.io" },
      circuit: { type: "string" },
      "allow-dev-srs": { type: "boolean", default: false },
      "from-block": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const [collection, token, ...extra] = positionals;
  if (collection === undefined || token === undefined || extra.length > 0) {
    throw new UsageError(`usage: ${VERIFY_USAGE}`);
  }
  if (!isAddress(collection, { strict: false })) {
    throw new UsageError(`collection must be a 0x-prefixed 20-byte address, not "${collection}"`);
  }
  if (!/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(token) || BigInt(token) >= 2n ** 256n) {
    throw new UsageError(`tokenId must be a uint256 in decimal or 0x hex, not "${token}"`);
  }
  const rpcUrl = values.rpc;
  if (rpcUrl === undefined || !/^https?:\/\//.test(rpcUrl)) {
    throw new UsageError("--rpc <url> is required: the JSON-RPC URL of the collection's chain");
  }
  if (!/^https?:\/\//.test(values.gateway)) {
    throw new UsageError(`--gateway must be an http(s) URL, not "${values.gateway}"`);
  }
  const fromBlock = values["from-block"];
  if (fromBlock !== undefined && !/^[0-9]+$/.test(fromBlock)) {
    throw new UsageError(`--from-block must be a block number, not "${fromBlock}"`);
  }
  let artifacts: CircuitArtifacts | undefined;
  if (values.circuit !== undefined) {
    artifacts = /^https?:\/\//.test(values.circuit)
      ? await fetchCircuitArtifacts({ url: values.circuit })
      : await readCircuitArtifacts({ dir: values.circuit });
  }
  const report = await verifyAigc({
    rpcUrl,
    collection: getAddress(collection),
    tokenId: BigInt(token),
    gateway: values.gateway,
    artifacts,
    acceptDevelopmentSrs: values["allow-dev-srs"],
    fromBlock: fromBlock === undefined ? undefined : BigInt(fromBlock),
  });
  write(
    values.json
      ? `${JSON.stringify(report, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`
      : formatReport({ report }),
  );
  return report.passed ? 0 : 1;
}
