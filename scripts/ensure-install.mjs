// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so
// `npm start`, `npm test` and `npm run bench` work from a fresh clone without a separate step.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const lockfile = "package-lock.json";
const stamp = "node_modules/.proofmint-install";
const digest = createHash("sha256").update(readFileSync(lockfile)).digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);

console.error("proofmint: installing npm dependencies (npm ci)");
execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
writeFileSync(stamp, digest);
