import path from "node:path";
import { z } from "zod";

const boolean = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 65535" })
    .max(65535, { error: "must be between 1 and 65535" })
    .default(3000),
  DATABASE_URL: z
    .string()
    .min(1, { error: "must not be empty" })
    .refine((v) => !/^postgres(ql)?:\/\//.test(v), {
      error: "Postgres is not supported yet; use a SQLite file path or file: URL",
    })
    .default("file:./data/app.sqlite"),
  COURSES_DIR: z.string().min(1).default("courses"),
  // Secure cookies are the default; plain-HTTP deployments other than localhost must opt out.
  SESSION_COOKIE_SECURE: boolean.default(true),
  // scrypt's cost; lowered only by tests that hash many passwords.
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
});

export type Config = z.infer<typeof EnvSchema> & { databasePath: string };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings from shells (`PORT= npm start`) mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}=${JSON.stringify(env[String(i.path[0])] ?? "")}: ${i.message}`,
    );
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, databasePath: databasePathFromUrl(result.data.DATABASE_URL) };
}

export function databasePathFromUrl(url: string): string {
  if (url === ":memory:") return url;
  const p = url.startsWith("file:") ? url.slice("file:".length) : url;
  return p === ":memory:" ? p : path.resolve(p);
}

let cached: Config | undefined;
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
