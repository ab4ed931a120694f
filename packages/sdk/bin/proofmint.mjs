#!/usr/bin/env node
// The workspace's packages are TypeScript sources: load them through tsx.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/runCli.ts");
process.exitCode = await runCli({
  args: process.argv.slice(2),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
