// Kubo (the `ipfs` binary) built from the Go module proxy into the project cache, once:
// `<PROOFMINT_CACHE_DIR>/kubo/v<version>/ipfs`. No Kubo binary comes from npm (the `kubo` package
// downloads from GitHub at install) or from Debian; these machines reach the Go module proxy.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { promisify } from "node:util";
import { ServerError } from "../errors.ts";

const run = promisify(execFile);

export const KUBO_VERSION = "0.43.1";
// Kubo v0.43.1 replaces go-libp2p with a fork the proxy does not serve; it builds and runs with
// this released go-libp2p.
const LIBP2P_VERSION = "v0.52.0";
const root = resolve(import.meta.dirname, "../../..");

// Kubo v0.43.1 needs Go 1.26.5; Go 1.21 and later fetch a newer toolchain a module needs from the
// module proxy by themselves (GOTOOLCHAIN=auto), older ones cannot.
const INSTALL_GO =
  "install Go 1.21 or later (Debian's `golang` package where it is new enough, or a release " +
  "from https://go.dev/dl/) and put `go` on PATH; it fetches the Go 1.26 toolchain Kubo needs " +
  "from the module proxy itself";

/** A Kubo build that failed; the message names the step and what to install or reach. */
export class KuboBuildError extends ServerError {
  override name = "KuboBuildError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "KUBO_BUILD_FAILED", details });
  }
}

/** Where the binary lives for a cache folder (a relative folder is taken from the repository). */
export function kuboBinaryPath({
  cacheDir = process.env.PROOFMINT_CACHE_DIR || ".cache",
}: { cacheDir?: string } = {}): string {
  const base = isAbsolute(cacheDir) ? cacheDir : resolve(root, cacheDir);
  return join(base, "kubo", `v${KUBO_VERSION}`, "ipfs");
}

/** The version `ipfs version` reports, or undefined when the file is missing or does not run. */
export async function kuboVersion(binary: string): Promise<string | undefined> {
  if (!existsSync(binary)) return undefined;
  try {
    const { stdout } = await run(binary, ["version"], { timeout: 30_000 });
    return /ipfs version (\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Puts a Go toolchain on PATH when `go` is not there: the go.dev tarball's usual place
 * (/usr/local/go/bin), else Debian's `golang-go` package installed with apt when this process may
 * (root, apt-get present). Go 1.21+ fetches the newer toolchain Kubo needs from the module proxy.
 */
async function ensureGoOnPath(): Promise<void> {
  const onPath = () =>
    run("go", ["version"], { timeout: 30_000 }).then(
      () => true,
      () => false,
    );
  if (await onPath()) return;
  const goDev = "/usr/local/go/bin";
  if (existsSync(join(goDev, "go"))) {
    process.env.PATH = `${goDev}${delimiter}${process.env.PATH ?? ""}`;
    return;
  }
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    process.stderr.write(
      "proofmint: installing Go for the Kubo build (apt-get install golang-go)\n",
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await run("apt-get", ["update", "-qq"], { env, timeout: 600_000 }).catch(() => undefined);
    await run("apt-get", ["install", "-y", "-qq", "golang-go"], { env, timeout: 900_000 }).catch(
      () => undefined,
    );
  }
}

async function goVersion(): Promise<string> {
  let version: string;
  try {
    await ensureGoOnPath();
    version = (await run("go", ["version"], { timeout: 30_000 })).stdout.trim();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new KuboBuildError(
      missing
        ? `building Kubo needs the Go toolchain and \`go\` is not on PATH: ${INSTALL_GO}`
        : `\`go version\` failed: ${INSTALL_GO}`,
    );
  }
  const [, major, minor] = /go(\d+)\.(\d+)/.exec(version) ?? [];
  if (Number(major) === 1 && Number(minor) < 21) {
    throw new KuboBuildError(`building Kubo: ${version} is too old: ${INSTALL_GO}`);
  }
  return version;
}

/** Runs one build step, its output on stderr; resolves with its stdout. */
function step(args: string[], { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<string>((done, reject) => {
    const child = spawn("go", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let tail = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) return done(stdout);
      reject(
        new KuboBuildError(
          `building Kubo: \`go ${args.join(" ")}\` failed (${signal ?? `exit ${code}`}); the Go ` +
            "module proxy (GOPROXY, by default https://proxy.golang.org) must be reachable",
          { output: tail.trim() },
        ),
      );
    });
  });
}

/** The module cache's files are read-only: the copy is made writable to patch and remove it. */
async function makeWritable(path: string): Promise<void> {
  await chmod(path, 0o755);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await makeWritable(join(path, entry.name));
    else if (entry.isFile()) await chmod(join(path, entry.name), 0o644);
  }
}

/** Removes the build folders of builds whose process is gone (killed mid-build). */
async function removeAbandonedBuilds(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/^\.build-(\d+)-/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      await makeWritable(join(dir, name)).catch(() => {});
      await rm(join(dir, name), { recursive: true, force: true });
    }
  }
}

/**
 * Builds the binary in a temporary folder beside `binary` and renames it into place, so a killed
 * build never leaves half a binary where a later run would take it.
 */
async function build(binary: string, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  log(`building Kubo v${KUBO_VERSION} from the Go module proxy (about 2 minutes, once)`);
  log(`with ${await goVersion()}`);
  const dir = dirname(binary);
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(join(dir, `.build-${process.pid}-`));
  const env = { ...process.env, GOFLAGS: "-mod=mod" };
  try {
    const module = `github.com/ipfs/kubo@v${KUBO_VERSION}`;
    const download = JSON.parse(
      await step(["mod", "download", "-json", module], { cwd: work, env }),
    ) as { Dir?: string; Error?: string };
    if (download.Dir === undefined) {
      throw new KuboBuildError(`building Kubo: go mod download ${module}: ${download.Error}`);
    }
    const source = join(work, "src");
    await cp(download.Dir, source, { recursive: true });
    await makeWritable(source);
    const goMod = join(source, "go.mod");
    const patched = (await readFile(goMod, "utf8")).replace(
      /^replace github\.com\/libp2p\/go-libp2p =>.*\n/m,
      "",
    );
    await writeFile(goMod, patched);
    await step(["get", `github.com/libp2p/go-libp2p@${LIBP2P_VERSION}`], { cwd: source, env });
    const built = join(work, "ipfs");
    await step(["build", "-trimpath", "-o", built, "./cmd/ipfs"], { cwd: source, env });
    const version = await kuboVersion(built);
    if (version !== KUBO_VERSION) {
      throw new KuboBuildError(`building Kubo: the binary reports version ${version ?? "none"}`);
    }
    await rename(built, binary);
  } finally {
    await makeWritable(work).catch(() => {});
    await rm(work, { recursive: true, force: true });
  }
  log(`built Kubo in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
}

/**
 * The path of a working Kubo binary: the cached one when `ipfs version` answers with the pinned
 * version, else one built now (a missing or broken binary is built again).
 *
 * @throws {KuboBuildError} naming what to install (Go) or reach (the Go module proxy).
 * @example
 * const ipfs = await ensureKubo({ cacheDir: ".cache" });
 */
export async function ensureKubo({
  cacheDir,
  log = (line) => process.stderr.write(`proofmint: ${line}\n`),
}: { cacheDir?: string; log?: (line: string) => void } = {}): Promise<string> {
  const binary = kuboBinaryPath(cacheDir === undefined ? {} : { cacheDir });
  await removeAbandonedBuilds(dirname(binary));
  if ((await kuboVersion(binary)) === KUBO_VERSION) return binary;
  if (existsSync(binary)) {
    log(`${binary} does not run as Kubo v${KUBO_VERSION}; building it again`);
    await rm(binary, { force: true });
  }
  await build(binary, log);
  return binary;
}
