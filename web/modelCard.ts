// Build-time facts for the model page and the prompt box, derived from the committed model and
// circuit files (never copied by hand): the vocabulary from models/<model>/vocab.py, the circuit
// figures from circuits/<model>/manifest.json and settings.json, timings from the latest benchmark.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type ModelCard = {
  model: string;
  modelId: string;
  ezklVersion: string;
  srs: { kind: string; insecure: boolean; k: number };
  logrows: number;
  inputShape: number[];
  outputShape: number[];
  outputScale: number;
  vocabulary: { colours: string[]; shapes: string[]; sizes: string[]; separator: string };
  parameters: string | undefined;
  architecture: string | undefined;
  samplesCaption: string | undefined;
  benchmark:
    { ranAt: string; metrics: { name: string; value: number; unit?: string }[] } | undefined;
  /** Files the browser needs to verify proofs off-chain, served under `circuits/<model>/`. */
  circuitFiles: string[];
};

/** The inside of a top-level Python dict or tuple literal: `NAME[: type] = {...}` or `(...)`. */
function block(source: string, name: string): string {
  const match = new RegExp(`^${name}\\b[^=\\n]*= *([{(])`, "m").exec(source);
  if (!match) throw new Error(`vocab.py has no ${name} literal`);
  const start = match.index + match[0].length;
  return source.slice(start, source.indexOf(match[1] === "{" ? "}" : ")", start));
}

function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`## ${heading}`);
  if (start < 0) return undefined;
  const end = markdown.indexOf("\n## ", start + 3);
  return markdown.slice(start + heading.length + 4, end < 0 ? undefined : end).trim();
}

export function readModelCard({ root, model }: { root: string; model: string }): ModelCard {
  const vocab = readFileSync(join(root, "models", model, "vocab.py"), "utf8");
  const keys = (text: string) => [...text.matchAll(/"([a-z]+)":/g)].map((m) => m[1]!);
  const strings = (text: string) => [...text.matchAll(/"([a-z]+)"/g)].map((m) => m[1]!);
  const manifest = JSON.parse(
    readFileSync(join(root, "circuits", model, "manifest.json"), "utf8"),
  ) as {
    model_id: string;
    ezkl_version: string;
    srs: { kind: string; insecure: boolean; k: number };
    logrows: number;
    input: { shape: number[] };
    output: { shape: number[]; scale: number };
  };
  const markdown = readFileSync(join(root, "models", model, "MODEL.md"), "utf8");
  const architecture = section(markdown, "Architecture");
  const latest = join(root, "bench/results/latest.json");
  let benchmark: ModelCard["benchmark"];
  if (existsSync(latest)) {
    const report = JSON.parse(readFileSync(latest, "utf8")) as {
      ranAt: string;
      benchmarks: Record<string, { metrics?: { name: string; value: number; unit?: string }[] }>;
    };
    const metrics = report.benchmarks["prover.bench.ts"]?.metrics;
    if (metrics) benchmark = { ranAt: report.ranAt, metrics };
  }
  return {
    model,
    modelId: manifest.model_id,
    ezklVersion: manifest.ezkl_version,
    srs: manifest.srs,
    logrows: manifest.logrows,
    inputShape: manifest.input.shape,
    outputShape: manifest.output.shape,
    outputScale: manifest.output.scale,
    vocabulary: {
      colours: keys(block(vocab, "COLOURS")),
      shapes: strings(block(vocab, "SHAPES")),
      sizes: keys(block(vocab, "SIZES")),
      separator: /^SEPARATOR = "([a-z]+)"/m.exec(vocab)?.[1] ?? "on",
    },
    parameters: /^Parameters: (.+?)(?:\n\n|$)/ms.exec(markdown)?.[1]?.replace(/\s+/g, " "),
    architecture: architecture?.replace(/^```\n?|\n?```[\s\S]*$/g, ""),
    samplesCaption: /^Left to right[\s\S]+?(?:\n\n|$)/m
      .exec(section(markdown, "Samples") ?? "")?.[0]
      ?.replace(/\s+/g, " ")
      .trim(),
    benchmark,
    circuitFiles: ["manifest.json", "settings.json", "vk.key", "kzg1.srs", "output_basis.bin"],
  };
}
