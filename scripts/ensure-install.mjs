// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so
// `npm start`, `npm test` and `npm run bench` work from a fresh clone without a separate step.
//
// The project runs on the Node 24 that the npm package `node` ships (pinned in package.json; npm
// scripts put node_modules/.bin first on PATH), whatever Node (20.19 or later) runs npm itself.
// Native modules must be built for that Node, not for the one running this script, so the install
// runs in three steps: every package without its install scripts; the `node` package's own
// script, which fetches the Node binary and its C headers; then every other install script with
// that Node first on PATH and its headers as node-gyp's `nodedir` (nothing is downloaded from
// nodejs.org, which these machines cannot reach).
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, resolve } from "node:path";

const lockfile = "package-lock.json";
const stamp = "node_modules/.proofmint-install";
const digest = createHash("sha256").update(readFileSync(lockfile)).digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);

const wanted = JSON.parse(readFileSync("package.json", "utf8")).devDependencies.node;
const bin = resolve("node_modules/.bin");
const nodedir = resolve(
  "node_modules/node/node_modules",
  `node-${process.platform}-${process.arch}`,
);
const npm = (args, env = {}) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund"], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });

// `npm install` rather than `npm ci`: the registry serves only the Linux builds of Foundry's
// per-platform optional packages, so the lock file cannot list the others and `npm ci` refuses it.
// With a lock file present, `npm install` installs exactly its versions.
console.error(`proofmint: installing npm dependencies for Node ${wanted} (npm install)`);
npm(["install", "--ignore-scripts"]);
npm(["rebuild", "node"]);
const node24 = { PATH: `${bin}${delimiter}${process.env.PATH}`, npm_config_nodedir: nodedir };
const version = execFileSync("node", ["--version"], { env: { ...process.env, ...node24 } });
if (version.toString().trim() !== `v${wanted}`) {
  throw new Error(`node_modules/.bin/node is ${version.toString().trim()}, expected v${wanted}`);
}
npm(["rebuild"], node24);
writeFileSync(stamp, digest);
