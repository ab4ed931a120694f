import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations (`DATABASE_URL=postgres://...`): `npx drizzle-kit generate --config
// drizzle.pg.config.ts` (from server/) after a change to src/db/pgSchema.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pgSchema.ts",
  out: "./drizzle-pg",
});
