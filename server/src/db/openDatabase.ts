import type { Config } from "../config/config.ts";
import type { Database } from "./database.ts";
import { openPostgresDatabase } from "./postgresDatabase.ts";
import { openSqliteDatabase } from "./sqliteDatabase.ts";

/**
 * Opens the configured database, PostgreSQL when `DATABASE_URL` is a postgres:// URL and the
 * SQLite file otherwise, and applies its migrations.
 */
export async function openDatabase({
  config,
}: {
  config: Pick<Config, "databasePath" | "postgresUrl">;
}): Promise<Database> {
  const db =
    config.postgresUrl === undefined
      ? openSqliteDatabase({ path: config.databasePath })
      : await openPostgresDatabase({ url: config.postgresUrl.reveal() });
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
