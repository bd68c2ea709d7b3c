import path from "node:path";
import { defineConfig } from "vitest/config";
import { findPostgresBindir } from "./scripts/pg-test-cluster";

// Two projects (docs/decisions/024): "sqlite" runs every test; "postgres" runs the integration tests
// (every tests/integration/*.test.ts, and *.pg.test.ts anywhere) again on a throw-away PostgreSQL
// cluster, when one can be started here. `vitest run --project sqlite` runs one of them.
const postgres = findPostgresBindir();
const quiet = process.argv.includes("--project") && !process.argv.some((a) => a.includes("postgres"));
if (!postgres && !quiet) console.log("Postgres: skipped — initdb not found (install postgresql)");

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "@db": path.resolve(__dirname, "db"),
    },
  },
  test: {
    environment: "node",
    env: { PASSWORD_HASH_COST: "12" },
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          exclude: ["**/*.pg.test.ts", "**/node_modules/**"],
          provide: { postgresUrl: null },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts", "tests/**/*.pg.test.ts"],
                env: { PASSWORD_HASH_COST: "12", TEST_ENGINE: "postgres" },
                globalSetup: ["tests/helpers/pg-global-setup.ts"],
                hookTimeout: 60_000,
                testTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
