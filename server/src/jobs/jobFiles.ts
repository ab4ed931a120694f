import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The files a job's stages hand to each other, in one folder per job. Each is written whole or
 * not at all (write, then rename), so a stage interrupted by a crash leaves no partial file.
 */
export class JobFiles {
  readonly dir: string;

  constructor({ workDir, jobId }: { workDir: string; jobId: string }) {
    this.dir = join(workDir, "jobs", jobId);
  }

  /** Witness JSON (ezkl's format): the native prover's input. */
  get witness(): string {
    return join(this.dir, "witness.json");
  }

  /** The quantized output document (`serializeQuantizedOutput`). */
  get output(): string {
    return join(this.dir, "output.json");
  }

  get image(): string {
    return join(this.dir, "image.png");
  }

  /** ezkl's proof JSON. */
  get proof(): string {
    return join(this.dir, "proof.json");
  }

  /** A fresh path beside `path` for an attempt to write into before it is renamed into place. */
  scratch(path: string): string {
    return `${path}.${randomUUID()}.partial`;
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const scratch = this.scratch(path);
    await writeFile(scratch, bytes);
    await rename(scratch, path);
  }

  async read(path: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(path));
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
