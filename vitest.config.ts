import { defineConfig } from "vitest/config";

// Three projects: `unit` tests sit beside the code and need no running services; `e2e` tests in
// test/e2e start real processes (anvil, the prover, the server) and run one file at a time;
// `drills` (test/drills) attack a running platform: hostile input, forged proofs, secrets, and,
// unless PROOFMINT_TESTS=quick, faults and load.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "server/src/**/*.test.ts", "test/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "drills",
          include: ["test/drills/**/*.test.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
