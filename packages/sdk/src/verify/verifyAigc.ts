import {
  describeRevert,
  erc7007Abi,
  parseModelId,
  parseQuantizedOutput,
  type QuantizedOutput,
  type SrsKind,
} from "@proofmint/core";
import {
  createPublicClient,
  getAddress,
  http,
  isAddress,
  stringToHex,
  type Address,
  type BlockNumber,
  type BlockTag,
  type PublicClient,
} from "viem";
import { loadEnginePool } from "#enginePool";
import type { CircuitArtifacts, CircuitArtifactsSource } from "../artifacts/CircuitArtifacts.ts";
import type { AigcEngine } from "../engine/AigcEngine.ts";
import { enginePoolOnThisThread } from "../engine/EnginePool.ts";
import { InvalidParameterError } from "../errors/errors.ts";
import { fetchIpfs } from "../ipfs/fetchIpfs.ts";
import type { AigcReport } from "./AigcReport.ts";
import { checkImage } from "./checkImage.ts";
import { checkMetadata } from "./checkMetadata.ts";
import { checkOutputCommitment } from "./checkOutputCommitment.ts";
import { checkProofOffchain } from "./checkProofOffchain.ts";
import { linkBook } from "./linkBook.ts";
import { readTokenRecord } from "./readTokenRecord.ts";

export type VerifyAigcParameters = {
  /** A viem public client for the collection's chain; or give `rpcUrl`. */
  client?: PublicClient | undefined;
  /** JSON-RPC URL of the collection's chain, when no `client` is given. */
  rpcUrl?: string | undefined;
  collection: Address;
  tokenId: bigint;
  /** An IPFS gateway, e.g. `https://ipfs.io`; it need not be trusted (every block is hashed). */
  gateway: string;
  /** The model's verifying key and settings, or where to get them by model id; see CircuitArtifacts. */
  artifacts?: CircuitArtifactsSource | undefined;
  /**
   * Accept a development trusted setup (local chains, tests): the trusted-setup link is then a
   * `warning`, which does not fail the report, instead of `failed`. Default false: a development
   * SRS lets whoever generated it forge proofs.
   */
  acceptDevelopmentSrs?: boolean | undefined;
  /** First block to search for the AigcData event (default 0; set it for large chains). */
  fromBlock?: BlockNumber | BlockTag | undefined;
  /**
   * The ezkl engine, run on this thread. By default: in the browser, the web build in two Web
   * Workers (`loadEnginePool`), hashing and verifying side by side; in Node, the Node build.
   */
  engine?: AigcEngine | undefined;
  fetch?: typeof globalThis.fetch | undefined;
};

/**
 * Checks every link of a token's chain of provenance without trusting any server: chain state
 * through the ERC-7007 ABI, IPFS content by its hashes, the proof with ezkl's engine. Never throws
 * for a bad token: each link says passed, warning, failed or unsupported, with a reason.
 *
 * @throws {InvalidParameterError} for a malformed parameter; network failures of the RPC node.
 * @example
 * const report = await verifyAigc({ rpcUrl, collection, tokenId, gateway: "https://ipfs.io" });
 * if (!report.passed) console.log(report.links.filter((link) => link.status !== "passed"));
 */
export async function verifyAigc(parameters: VerifyAigcParameters): Promise<AigcReport> {
  const started = performance.now();
  const { tokenId, gateway, artifacts, fetch, acceptDevelopmentSrs = false } = parameters;
  if (!isAddress(parameters.collection, { strict: false })) {
    throw new InvalidParameterError({ parameter: "collection", expected: "a 20-byte address" });
  }
  if (typeof tokenId !== "bigint" || tokenId < 0n || tokenId >= 2n ** 256n) {
    throw new InvalidParameterError({ parameter: "tokenId", expected: "a uint256 bigint" });
  }
  if (!/^https?:\/\//.test(gateway)) {
    throw new InvalidParameterError({ parameter: "gateway", expected: "an http(s) URL" });
  }
  const collection = getAddress(parameters.collection);
  const client = parameters.client ?? publicClient(parameters.rpcUrl);
  const book = linkBook();
  const report = (extra: Partial<AigcReport>, fallback: string): AigcReport => {
    const links = book.links(fallback);
    return {
      passed: links.every((link) => link.status === "passed" || link.status === "warning"),
      chainId,
      collection,
      tokenId,
      links,
      ...extra,
      ms: Math.round(performance.now() - started),
    };
  };

  // Loading the engine (fetch and compile its wasm, start its workers) needs nothing from the
  // token: start it now.
  const engine =
    parameters.engine === undefined
      ? loadEnginePool()
      : enginePoolOnThisThread({ engine: Promise.resolve(parameters.engine) });
  const [chainId, record] = await Promise.all([
    client.getChainId(),
    readTokenRecord({ client, collection, tokenId, fromBlock: parameters.fromBlock ?? 0n, book }),
  ]);
  if (record === undefined) {
    const failed =
      book.status("erc7007-interface") === "failed" ? "the ERC-165 link" : "the token-record link";
    return report({}, `${failed} failed`);
  }
  const srsFromModelId: SrsKind | undefined =
    record.modelId === undefined ? undefined : srsOfModelId(record.modelId);
  const metadata = await checkMetadata({ record, collection, chainId, gateway, fetch, book });
  const prompt = record.prompt ?? metadata?.prompt;
  if (metadata === undefined) {
    return report(
      { prompt, modelId: record.modelId, srs: srsFromModelId },
      "aigcData and the content's CIDs come from the metadata, whose link did not pass",
    );
  }
  const aigcData = metadata.provenance.aigc_data;
  const srs = srsFromModelId ?? metadata.provenance.srs;

  // The node's eth_call runs the Halo2 verifier while this process fetches and hashes the output.
  const onchain = client
    .readContract({
      address: collection,
      abi: erc7007Abi,
      functionName: "verify",
      args: [stringToHex(metadata.prompt), aigcData, record.proof],
    })
    .then(
      (accepted) =>
        accepted
          ? book.passed(
              "onchain-verify",
              "verify returned true for the recorded prompt, aigcData and proof",
            )
          : book.failed(
              "onchain-verify",
              "verify returned false for the recorded prompt, aigcData and proof",
            ),
      (error: unknown) =>
        book.failed("onchain-verify", `verify reverted: ${describeRevert({ error })}`),
    );

  if (record.modelId === undefined) {
    book.unsupported("model-id", "the collection has no modelId(): it does not commit to a model");
  } else if (record.modelId !== metadata.provenance.model_id) {
    book.failed(
      "model-id",
      `the metadata's model id ${metadata.provenance.model_id} is not the collection's ${record.modelId}`,
    );
  } else {
    book.passed("model-id", `both are ${record.modelId}`);
  }

  // Every download the remaining links need starts now, so the network works while the engine
  // hashes and verifies; each is still checked (CIDs, model id) where it is used.
  const circuitRead = resolveArtifacts(artifacts, record.modelId);
  const outputRead = fetchIpfs({ gateway, uri: metadata.provenance.output, fetch });
  const imageRead = fetchIpfs({ gateway, uri: metadata.image, fetch });
  const proofRead = fetchIpfs({ gateway, uri: metadata.provenance.proof, fetch });
  for (const read of [circuitRead, outputRead, imageRead, proofRead]) void read.catch(() => {});
  const circuit = await circuitRead;
  let output: QuantizedOutput | undefined;
  try {
    output = parseQuantizedOutput({ bytes: await outputRead });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    book.failed("output-commitment", `the raw output ${metadata.provenance.output}: ${message}`);
    book.unsupported("image-render", "not checked: the raw output could not be read");
  }
  // The output is committed to (v2: hashed by the engine) while the engine verifies the proof in
  // a worker and this thread renders the image.
  const committed =
    output &&
    (record.modelId === undefined
      ? book.unsupported("output-commitment", "the collection has no model id to select a basis by")
      : checkOutputCommitment({
          engine,
          output,
          uri: metadata.provenance.output,
          aigcData,
          proof: record.proof,
          modelId: record.modelId,
          circuit: circuitRead,
          book,
        }));
  let offchain: Promise<void> | undefined;
  if (record.modelId === undefined) {
    book.unsupported(
      "offchain-verify",
      "the collection has no model id to select a verifying key by",
    );
  } else if (circuit === undefined) {
    book.unsupported(
      "offchain-verify",
      `no verifying key given for ${record.modelId} (pass artifacts, or --circuit)`,
    );
  } else {
    offchain = checkProofOffchain({
      artifacts: circuit,
      modelId: record.modelId,
      srs,
      metadata,
      proof: record.proof,
      engine,
      proofJson: proofRead,
      book,
    });
  }
  if (output !== undefined) {
    await checkImage({ output, metadata, circuit, image: imageRead, book });
  }
  await Promise.all([committed, offchain, onchain]);
  const setup = "trusted-setup";
  if (srsFromModelId !== undefined && srsFromModelId !== metadata.provenance.srs) {
    book.failed(
      setup,
      `the metadata says ${metadata.provenance.srs} but the model id ${record.modelId} says ${srsFromModelId}`,
    );
  } else if (srs === "development") {
    const warning =
      "DEVELOPMENT SRS: the trusted setup was generated locally; whoever generated it can forge proofs that every verifier accepts";
    // Accepted, it holds only for a local chain: a warning a person must see, not a pass.
    if (acceptDevelopmentSrs) {
      book.warning(setup, `${warning} (accepted: acceptDevelopmentSrs is set)`);
    } else
      book.failed(
        setup,
        `${warning}; not accepted (set acceptDevelopmentSrs, CLI --allow-dev-srs, only for local chains)`,
      );
  } else if (book.status("offchain-verify") === "passed") {
    book.passed(
      setup,
      "ceremony: the proof verified with the public Perpetual Powers of Tau k=1 file (SHA-256 cafb2aa7…a297b)",
    );
  } else {
    book.unsupported(
      setup,
      "ceremony is claimed; confirming it needs the off-chain verification with the public k=1 SRS",
    );
  }

  return report(
    { prompt: metadata.prompt, aigcData, modelId: record.modelId, srs },
    "an earlier link failed",
  );
}

function srsOfModelId(modelId: string): SrsKind | undefined {
  try {
    return parseModelId({ modelId }).development ? "development" : "ceremony";
  } catch {
    return undefined;
  }
}

function publicClient(rpcUrl: string | undefined): PublicClient {
  if (rpcUrl === undefined || !/^https?:\/\//.test(rpcUrl)) {
    throw new InvalidParameterError({
      parameter: "rpcUrl",
      expected: "an http(s) URL when no client is given",
    });
  }
  // The reads verifyAigc issues together then travel as one JSON-RPC batch.
  return createPublicClient({ transport: http(rpcUrl, { batch: true }) }) as PublicClient;
}

async function resolveArtifacts(
  source: CircuitArtifactsSource | undefined,
  modelId: string | undefined,
): Promise<CircuitArtifacts | undefined> {
  if (source === undefined || modelId === undefined) return undefined;
  return typeof source === "function" ? source({ modelId }) : source;
}
