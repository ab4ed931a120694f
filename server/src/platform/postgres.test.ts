import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { expect, it } from "vitest";

const START_AND_REPORT = `
import { startPostgres } from "./server/src/platform/postgres.ts";
const postgres = await startPostgres();
console.log(JSON.stringify({ url: postgres.url, dir: postgres.dir }));
setInterval(() => {}, 1000);
`;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

it("stops and removes a test cluster whose process was killed with kill -9", async () => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", START_AND_REPORT],
    {
      cwd: new URL("../../..", import.meta.url).pathname,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const started = await new Promise<{ url: string; dir: string }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`the child exited (${code}) before starting`)));
  });
  expect(await answers(started.url)).toBe(true);
  child.kill("SIGKILL");

  const deadline = Date.now() + 30_000;
  while ((existsSync(started.dir) || (await answers(started.url))) && Date.now() < deadline) {
    await sleep(500);
  }
  expect(existsSync(started.dir)).toBe(false);
  expect(await answers(started.url)).toBe(false);
}, 90_000);
