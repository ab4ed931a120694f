// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so
// `npm start`, `npm test` and `npm run bench` work from a fresh clone without a separate step.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const lockfile = "package-lock.json";
const stamp = "node_modules/.proofmint-install";
const digest = createHash("sha256").update(readFileSync(lockfile)).digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);

// `npm install` rather than `npm ci`: the registry serves only the Linux builds of Foundry's
// per-platform optional packages, so the lock file cannot list the others and `npm ci` refuses it.
// With a lock file present, `npm install` installs exactly its versions.
console.error("proofmint: installing npm dependencies (npm install)");
execFileSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit" });
writeFileSync(stamp, digest);
