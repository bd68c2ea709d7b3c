import type { AppLoadContext } from "@remix-run/node";
import { parseConfig } from "../../app/config.server";
import { createRuntime, type Runtime } from "../../app/runtime.server";
import { freshDatabaseUrl } from "./engine";

/**
 * The real runtime (a new database on this run's engine, migrated: SQLite in memory, or a Postgres schema;
 * and a catalogue from `coursesDir`) and the
 * load context that server.mjs would hand to loaders and actions: route tests call them with it.
 * `env` sets further variables as the environment would (PUBLIC_URL, BACKUP_DIR, even DATABASE_URL),
 * through the same parseConfig.
 */
export async function testRuntime(coursesDir = "tests/fixtures/courses", env: Record<string, string> = {}): Promise<{ rt: Runtime; context: AppLoadContext }> {
  const rt = await createRuntime(parseConfig({ DATABASE_URL: env.DATABASE_URL ?? (await freshDatabaseUrl()), COURSES_DIR: coursesDir, PASSWORD_HASH_COST: "10", NODE_ENV: "test", ...env }));
  return { rt, context: { runtime: rt, cspNonce: "", clientIp: "203.0.113.7" } };
}
