#!/usr/bin/env node
// The `proofmint-prover` command of @proofmint/server: a prover worker process, as
// `npm run prover` runs it (server/src/prover/proverMain.ts, through tsx).
import { register } from "tsx/esm/api";

register();
await import("../src/prover/proverMain.ts");
