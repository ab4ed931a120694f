// Build-time facts for the model page and the prompt box, derived from the committed model and
// circuit files (never copied by hand): the vocabulary from the model's published word list
// (`readVocabulary`), the circuit figures from circuits/<model>/manifest.json and settings.json,
// the card itself from models/<model>/MODEL.md (rendered to HTML here, raw HTML escaped), the
// sample prompts from samples.py, timings from the latest benchmark.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";

/**
 * What the model understands, in a shape that does not depend on the model: every word it knows
 * with its kind, the words it skips without loss (never flagged to the creator), and how the site
 * groups the kinds for display.
 */
export type Vocabulary = {
  words: { word: string; kind: string }[];
  /** Allowed words the model skips without changing the picture (articles, "of"). */
  ignored: string[];
  /** The kinds in display order, with their labels; a kind not listed is shown last. */
  groups: { kind: string; label: string }[];
};

/** The sample grid of samples.png: which prompt each tile shows and where the tile is. */
export type Samples = {
  prompts: string[];
  columns: number;
  /** Tile side and gap, in the PNG's pixels. */
  tile: number;
  gap: number;
  width: number;
  height: number;
};

export type ModelCard = {
  model: string;
  modelId: string;
  ezklVersion: string;
  srs: { kind: string; insecure: boolean; k: number };
  logrows: number;
  inputShape: number[];
  outputShape: number[];
  outputScale: number;
  vocabulary: Vocabulary;
  /** MODEL.md rendered by markdown-it: raw HTML escaped, links only to served files. */
  cardHtml: string;
  samples: Samples | undefined;
  benchmark:
    { ranAt: string; metrics: { name: string; value: number; unit?: string }[] } | undefined;
  /** Files the browser needs to verify proofs off-chain, served under `circuits/<model>/`. */
  circuitFiles: string[];
};

/** The inside of a top-level Python dict or tuple literal: `NAME[: type] = {...}` or `(...)`. */
function block(source: string, name: string, file: string): string {
  const match = new RegExp(`^${name}\\b[^=\\n]*= *([{(])`, "m").exec(source);
  if (!match) throw new Error(`${file} has no ${name} literal`);
  const start = match.index + match[0].length;
  return source.slice(start, source.indexOf(match[1] === "{" ? "}" : ")", start));
}

// Function words no model here draws, whose absence would not change the picture either.
const IGNORED = ["a", "an", "the", "of"];

/**
 * The model's vocabulary, as the model publishes it in `models/<model>/vocabulary.json` (grouped
 * word lists: subjects with their words, colours, colour modifiers, sizes, relations,
 * backgrounds). The one place that knows its format.
 */
export function readVocabulary({ root, model }: { root: string; model: string }): Vocabulary {
  const published = join(root, "models", model, "vocabulary.json");
  if (existsSync(published)) {
    const file = JSON.parse(readFileSync(published, "utf8")) as Record<string, unknown>;
    const words = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.map(String)
        : value !== null && typeof value === "object"
          ? Object.entries(value).flatMap(([key, inner]) =>
              Array.isArray(inner) ? inner.map(String) : [key],
            )
          : [];
    const kinds = [
      ["subjects", "subject", "Subjects"],
      ["colours", "colour", "Colours"],
      ["colour_modifiers", "colour-modifier", "Shades"],
      ["sizes", "size", "Sizes"],
      ["relations", "relation", "Relations"],
      ["backgrounds", "background", "Backgrounds"],
    ] as const;
    return {
      words: kinds.flatMap(([key, kind]) => words(file[key]).map((word) => ({ word, kind }))),
      ignored: IGNORED,
      groups: kinds.map(([, kind, label]) => ({ kind, label })),
    };
  }
  throw new Error(`${published} is missing: run the model's vocab script to publish it`);
}

/** MODEL.md as HTML, without raw HTML; images and links resolve to the files the site serves. */
export function renderModelCard({
  markdown,
  model,
  served,
}: {
  markdown: string;
  model: string;
  /** Paths relative to models/<model>/ that the site serves under /models/<model>/. */
  served: string[];
}): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  const local = (href: string) => !/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href);
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const src = String(token.attrGet("src") ?? "");
    if (local(src)) {
      if (!served.includes(src)) return md.utils.escapeHtml(token.content);
      token.attrSet("src", `/models/${model}/${src}`);
    }
    return defaultImage(tokens, index, options, env, self);
  };
  // A relative link to a file the site does not serve (samples.py, ../render.py) keeps its text.
  md.core.ruler.push("local_links", (state) => {
    for (const token of state.tokens) {
      const children = token.children ?? [];
      const dropped: number[] = [];
      children.forEach((child, index) => {
        if (child.type !== "link_open") return;
        const href = String(child.attrGet("href") ?? "");
        if (!local(href)) return;
        if (served.includes(href)) return child.attrSet("href", `/models/${model}/${href}`);
        const close = children.findIndex((c, i) => i > index && c.type === "link_close");
        dropped.push(index, close);
      });
      token.children = children.filter((_, index) => !dropped.includes(index));
    }
  });
  return md.render(markdown);
}

/** The sample grid's layout and prompts, from samples.py and the PNG's header. */
function readSamples({ root, model }: { root: string; model: string }): Samples | undefined {
  const script = join(root, "models", model, "samples.py");
  const png = join(root, "models", model, "samples.png");
  if (!existsSync(script) || !existsSync(png)) return undefined;
  const source = readFileSync(script, "utf8");
  const number = (name: string) => Number(new RegExp(`^${name} = (\\d+)`, "m").exec(source)?.[1]);
  const [columns, scale, gap] = [number("COLUMNS"), number("TILE"), number("GAP")];
  let prompts: string[];
  try {
    prompts = [...block(source, "SAMPLE_PROMPTS", script).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  } catch {
    return undefined;
  }
  const header = readFileSync(png).subarray(16, 24);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const rows = Math.ceil(prompts.length / columns);
  const tile = (width - gap) / columns - gap;
  // The layout read must reproduce the PNG's size, or the tiles would be cut wrongly.
  if (![columns, scale, gap].every(Number.isInteger) || !Number.isInteger(tile)) return undefined;
  if (rows * (tile + gap) + gap !== height) return undefined;
  return { prompts, columns, tile, gap, width, height };
}

export function readModelCard({ root, model }: { root: string; model: string }): ModelCard {
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
  const latest = join(root, "bench/results/latest.json");
  let benchmark: ModelCard["benchmark"];
  if (existsSync(latest)) {
    const report = JSON.parse(readFileSync(latest, "utf8")) as {
      ranAt: string;
      benchmarks: Record<
        string,
        { ranAt?: string; metrics?: { name: string; value: number; unit?: string }[] }
      >;
    };
    const prover = report.benchmarks["prover.bench.ts"];
    if (prover?.metrics)
      benchmark = { ranAt: prover.ranAt ?? report.ranAt, metrics: prover.metrics };
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
    vocabulary: readVocabulary({ root, model }),
    cardHtml: renderModelCard({ markdown, model, served: ["samples.png"] }),
    samples: readSamples({ root, model }),
    benchmark,
    circuitFiles: ["manifest.json", "settings.json", "vk.key", "kzg1.srs", "output_basis.bin"],
  };
}
