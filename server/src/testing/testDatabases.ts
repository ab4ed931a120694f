import { afterAll } from "vitest";
import type { DatabaseKind } from "../db/database.ts";
import { startPostgres, type RunningPostgres } from "../platform/postgres.ts";

/** Both backends, for `describe.each(DATABASE_KINDS)`. */
export const DATABASE_KINDS: DatabaseKind[] = ["sqlite", "postgres"];

let postgres: Promise<RunningPostgres> | undefined;
let databases = 0;

// Registered while the test file is collected (it imports this module), so it runs after the
// file's last test; a hook registered from inside a test would never run.
afterAll(async () => {
  await (await postgres)?.stop();
  postgres = undefined;
});

/**
 * The environment that selects a fresh, empty database of `kind` for `loadConfig`: none for
 * SQLite (a new DATA_DIR gives a new file), a new database on this test file's PostgreSQL
 * cluster (started on first use, stopped after the file's tests) for PostgreSQL.
 */
export async function testDatabaseEnv(kind: DatabaseKind): Promise<Record<string, string>> {
  if (kind === "sqlite") return {};
  postgres ??= startPostgres();
  databases += 1;
  return {
    DATABASE_URL: await (await postgres).createDatabase(`test_${process.pid}_${databases}`),
  };
}
