import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` (from server/) writes a new migration into drizzle/ after a schema
// change; `npx drizzle-kit check` verifies the committed ones.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
