import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./runCli.ts";

// Runs the committed circuit's witness in the ezkl engine: real model output, no proof.
describe("proofmint preview", () => {
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => err.push(text),
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "proofmint-preview-"));
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("writes one PNG per prompt, file lines first, in input order, named 1.png, 2.png, ...", async () => {
    const file = join(dir, "prompts.txt");
    await writeFile(file, "a red circle on blue\n\nA Green  Star\n");
    const outDir = join(dir, "out");
    const code = await runCli({
      args: ["preview", "--out-dir", outDir, "--prompts", file, "a red circle on blue"],
      ...io,
    });
    expect(code, err.join("")).toBe(0);
    const [first, second, third] = await Promise.all(
      ["1.png", "2.png", "3.png"].map((name) => readFile(join(outDir, name))),
    );
    expect(first!.subarray(1, 4).toString()).toBe("PNG");
    expect(first).toEqual(third); // the same prompt gives the same bytes
    expect(first).not.toEqual(second);
    expect(out.join("")).toContain("2.png\ta green star");
  });

  it("exits 2 naming a prompt it cannot mint, and writes nothing", async () => {
    const outDir = join(dir, "out");
    const code = await runCli({
      args: ["preview", "--out-dir", outDir, "a red fox", "a fox 🦊"],
      ...io,
    });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/prompt 2 "a fox 🦊" cannot be minted: .*U\+1F98A/);
    expect(existsSync(join(outDir, "1.png"))).toBe(false);
  });

  it("exits 2 without --out-dir or prompts", async () => {
    expect(await runCli({ args: ["preview", "a red fox"], ...io })).toBe(2);
    expect(await runCli({ args: ["preview", "--out-dir", dir], ...io })).toBe(2);
  });
});
