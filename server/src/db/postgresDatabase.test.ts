import { createServer } from "node:net";
import pg from "pg";
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

describe("leader election on PostgreSQL", () => {
  /** Resolves once `ok()` holds, polling; fails the test after `ms`. */
  async function until(ok: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  it("elects one of two servers, and the other takes over when the leader resigns or its session dies", async () => {
    postgres ??= await startPostgres();
    const url = await postgres.createDatabase("leadership");
    const [first, second] = [
      await openPostgresDatabase({ url }),
      await openPostgresDatabase({ url }),
    ];
    const leading = { first: false, second: false };
    const changes: string[] = [];
    const follow = (name: "first" | "second") => async (value: boolean) => {
      leading[name] = value;
      changes.push(`${name} ${value ? "leads" : "follows"}`);
    };
    const options = { checkMs: 50 };
    const resignFirst = await first.lead("proofmint/test", follow("first"), options);
    const resignSecond = await second.lead("proofmint/test", follow("second"), options);
    expect(leading).toEqual({ first: true, second: false });
    expect([await resignFirst.confirm(), await resignSecond.confirm()]).toEqual([true, false]);

    // Resigning hands over within a few checks.
    await resignFirst.resign();
    await until(() => leading.second);
    expect(leading.first).toBe(false);

    // A leader whose session PostgreSQL ends (a crash, a network cut) loses the lock with it:
    // the other one takes over, and the old one steps down once its own check fails (until then,
    // up to one check interval, it still believes it leads: relayed mints stay safe under their
    // job leases).
    const rejoin = await first.lead("proofmint/test", follow("first"), options);
    expect(leading.first).toBe(false);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted",
    );
    await admin.end();
    // Asked at once, the deposed leader knows, whether or not its periodic check has run.
    expect(await resignSecond.confirm()).toBe(false);
    await until(() => leading.first && !leading.second);
    expect(changes.slice(0, 3)).toEqual(["first leads", "first follows", "second leads"]);
    expect(changes.slice(3).sort()).toEqual(["first leads", "second follows"]);

    await rejoin.resign();
    await resignSecond.resign();
    await first.close();
    await second.close();
  });
});
