import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: "unit" runs the pure core (lib/pki, lib/assets) and anything else that needs no database;
// "integration" runs services against a real migrated database (SQLite always, PostgreSQL when available).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside React Server Components; tests are server code, so use its empty build.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: ["lib/server/**"],
          pool: "forks",
          maxWorkers: 2,
          // Fixture generation with openssl (RSA 4096 keys) in beforeAll hooks can take a while on a busy machine.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/server/**/*.test.ts", "tests/integration/**/*.test.ts"],
          pool: "forks",
          // Two files at a time: each test has a database of its own (freshDatabase), so files do not meet.
          // Measured on 2 cores with PostgreSQL: 356 s one at a time, 284 s two at a time.
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
