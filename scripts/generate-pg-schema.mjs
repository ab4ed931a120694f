// Writes server/src/db/pgSchema.ts, the PostgreSQL tables, from server/src/db/schema.ts, the
// SQLite ones, so the two dialects declare the same tables, columns and indexes once (drizzle has
// no dialect-neutral table declarations). Usage: node scripts/generate-pg-schema.mjs [--check]
// --check exits 1, writing nothing, when the committed file differs from what schema.ts produces.
import { readFileSync } from "node:fs";
import { writeGenerated } from "./writeGenerated.mjs";

const SOURCE = "server/src/db/schema.ts";
const TARGET = "server/src/db/pgSchema.ts";
const check = process.argv.includes("--check");

/** Replaces `from` in `text`, failing loudly when schema.ts no longer has it. */
function replace(text, from, to) {
  if (!text.includes(from)) throw new Error(`${SOURCE} no longer contains ${String(from)}`);
  return text.replaceAll(from, to);
}

let text = readFileSync(SOURCE, "utf8")
  // The documentation stays in schema.ts.
  .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, "")
  .replace(/^\/\/ The source of `pgSchema.ts`[\s\S]*?\n\n/m, "")
  // The row types are SQLite's, imported from schema.ts everywhere.
  .replace(/^export type \w+ = typeof \w+\.\$inferSelect;\n/gm, "");
text = replace(
  text,
  'import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";',
  'import { bigint, index, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";',
);
text = replace(text, "sqliteTable(", "pgTable(");
text = replace(
  text,
  'integer("id").primaryKey({ autoIncrement: true })',
  'serial("id").primaryKey()',
);
text = replace(
  text,
  "const ms = (name: string) => integer(name);",
  'const ms = (name: string) => bigint(name, { mode: "number" });',
);
const header =
  `// Generated from ${SOURCE}, which documents every table, by\n` +
  "// scripts/generate-pg-schema.mjs: do not edit. The PostgreSQL twin of the SQLite tables:\n" +
  "// milliseconds since the epoch are `bigint` (read as numbers); block numbers and timestamps in\n" +
  "// seconds fit `integer`.\n";
await writeGenerated({
  target: TARGET,
  text: header + text.replace(/\n{3,}/g, "\n\n"),
  command: "node scripts/generate-pg-schema.mjs",
  check,
});
