import type { AppLoadContext } from "@remix-run/node";
import { parseConfig } from "../../app/config.server";
import { createRuntime, type Runtime } from "../../app/runtime.server";

/**
 * The real runtime (an in-memory SQLite database, migrated, and a catalogue from `coursesDir`) and the
 * load context that server.mjs would hand to loaders and actions: route tests call them with it.
 * `env` adds settings (SMTP_URL and the like).
 */
export async function testRuntime(coursesDir = "tests/fixtures/courses", env: Record<string, string> = {}): Promise<{ rt: Runtime; context: AppLoadContext }> {
  const rt = await createRuntime(parseConfig({ DATABASE_URL: ":memory:", COURSES_DIR: coursesDir, PASSWORD_HASH_COST: "10", NODE_ENV: "test", ...env }));
  return { rt, context: { runtime: rt, cspNonce: "", clientIp: "203.0.113.7" } };
}
