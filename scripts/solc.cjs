#!/usr/bin/env node
// The solc executable forge is configured with (foundry.toml `solc`): forge cannot download a
// compiler offline, so this wraps the pinned solc-js from npm behind the two command-line forms
// forge uses: `--version` and `--standard-json` with the JSON input on stdin.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const solc = require("solc");

const args = process.argv.slice(2);

if (args.includes("--version")) {
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  );
  process.exit(0);
}

if (!args.includes("--standard-json")) {
  process.stderr.write("scripts/solc.cjs supports only --version and --standard-json\n");
  process.exit(2);
}

/** Values of a repeatable option, accepting both `--opt a,b` and `--opt=a`. */
function optionValues(name) {
  const values = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name && i + 1 < args.length) values.push(...args[++i].split(","));
    else if (args[i].startsWith(`${name}=`))
      values.push(...args[i].slice(name.length + 1).split(","));
  }
  return values.filter(Boolean);
}

const roots = [...optionValues("--base-path"), ...optionValues("--include-path"), process.cwd()];

function findImports(importPath) {
  for (const root of roots) {
    const candidate = path.resolve(root, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  }
  if (path.isAbsolute(importPath) && fs.existsSync(importPath)) {
    return { contents: fs.readFileSync(importPath, "utf8") };
  }
  return { error: `file not found: ${importPath} (searched ${roots.join(", ")})` };
}

const input = fs.readFileSync(0, "utf8");
process.stdout.write(solc.compile(input, { import: findImports }));
