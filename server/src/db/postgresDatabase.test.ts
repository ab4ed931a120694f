import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { ServerError } from "../errors.ts";
import { startPostgres, type RunningPostgres } from "../platform/postgres.ts";
import { openPostgresDatabase, postgresLocation } from "./postgresDatabase.ts";

let postgres: RunningPostgres | undefined;
afterAll(() => postgres?.stop());

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("openPostgresDatabase", () => {
  it("refuses to start when PostgreSQL is unreachable, naming DATABASE_URL and the host", async () => {
    const port = await closedPort();
    const url = `postgres://proofmint:secret-password@127.0.0.1:${port}/proofmint`;
    const failure = await openPostgresDatabase({ url }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    const { message, code } = failure as ServerError;
    expect(code).toBe("DATABASE_UNAVAILABLE");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain(`127.0.0.1:${port}/proofmint`);
    expect(message).not.toContain("secret-password");
  });

  it("names the fault in its health once PostgreSQL is lost mid-run", async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase("health");
    const db = await openPostgresDatabase({ url });
    await db.migrate();
    expect(await db.health()).toEqual({ kind: "postgres", ok: true, error: null });
    await postgres.stop();
    postgres = undefined;
    const health = await db.health();
    expect(health.ok).toBe(false);
    expect(health.error).toContain(`PostgreSQL at ${postgresLocation(url)} (DATABASE_URL)`);
    await db.close();
  });
});
