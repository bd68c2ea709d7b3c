import path from "node:path";
import { z } from "zod";
import type { DatabaseTarget } from "@db/index";

const boolean = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const MAIL_ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

function isSmtpUrl(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const url = new URL(v);
  return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "" && (url.pathname === "" || url.pathname === "/");
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 65535" })
    .max(65535, { error: "must be between 1 and 65535" })
    .default(3000),
  // A SQLite file (the default) or a PostgreSQL server (docs/decisions/024-postgres-dialect.md).
  DATABASE_URL: z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .superRefine((v, ctx) => {
      const problem = databaseUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .default("file:./data/app.sqlite"),
  COURSES_DIR: z.string().min(1).default("courses"),
  // Secure cookies are the default; plain-HTTP deployments other than localhost must opt out.
  SESSION_COOKIE_SECURE: boolean.default(true),
  // scrypt's cost; lowered only by tests that hash many passwords.
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  // Sign-in failures before delays begin, and the longest delay (docs/decisions/012-login-throttle.md).
  LOGIN_FREE_FAILURES: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be between 1 and 100" }).max(100, { error: "must be between 1 and 100" }).default(5),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be between 1 and 1440" }).max(24 * 60, { error: "must be between 1 and 1440" }).default(15),
  // Registrations one address may make at once before they are spaced 15 s apart: a training room
  // behind one NAT registers together, so a programme expecting larger rooms raises it.
  REGISTRATION_BURST: z.coerce.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be between 1 and 1000" }).max(1000, { error: "must be between 1 and 1000" }).default(20),
  // Which proxies' X-Forwarded-For to believe: none by default, else a hop count or addresses/subnets.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/, {
      error: "must be false, a number of proxy hops, or a comma-separated list of addresses or subnets (e.g. loopback, 10.0.0.0/8)",
    })
    .default("false"),
  // The address people reach the platform at (https://learn.example.org): certificate verification
  // links, Open Badge ids and invitation links use it. Unset, the request's own origin is used.
  PUBLIC_URL: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = publicUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => new URL(v).origin)
    .optional(),
  // Where the admin page's "Back up now" writes (docs/decisions/018-backup-and-restore.md).
  BACKUP_DIR: z.string().trim().min(1, { error: "must not be empty" }).default("data/backups"),
  // The Open Badge issuer's Ed25519 private key (PEM, chmod 600). Unset, a key is generated on first
  // start and kept in the database (docs/decisions/026-signed-badges.md).
  ISSUER_KEY_FILE: z.string().trim().min(1, { error: "must not be empty" }).optional(),
  // Email (issue 13): optional. Without SMTP_URL nothing is sent and links are passed on by hand.
  SMTP_URL: z
    .string()
    .trim()
    .refine(isSmtpUrl, {
      error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587 (smtps:// for TLS from the start, usually port 465)",
    })
    .optional(),
  // The sender of every email: an address, or a name and an address ("Name <address>").
  MAIL_FROM: z
    .string()
    .trim()
    .refine((v) => MAIL_ADDRESS.test(v) || new RegExp(`^[^<>\r\n]{1,100} <${MAIL_ADDRESS.source.slice(1, -1)}>$`).test(v), {
      error: 'must be an email address, or a name and an address like "Cyber Diplomacy Learning <learning@example.org>"',
    })
    .optional(),
}).superRefine((env, ctx) => {
  if (!env.SMTP_URL) return;
  if (!env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "must be set when SMTP_URL is: the address emails are sent from" });
  if (!env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "must be set when SMTP_URL is: the https:// address that links in emails lead to" });
});

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** Why `value` cannot be DATABASE_URL, or null: a SQLite path or file: URL, or a postgres:// URL naming a database. */
function databaseUrlProblem(value: string): string | null {
  if (POSTGRES_URL.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return "is not a valid postgres:// URL; e.g. postgres://user:password@localhost:5432/cyberdiplo";
    }
    if (!url.hostname && !url.searchParams.get("host")) return "must name the server: postgres://user:password@HOST:5432/database (or ?host=/run/postgresql for a unix socket)";
    if (url.pathname.replace(/^\//, "") === "") return "must name the database after the host: postgres://user:password@localhost:5432/DATABASE";
    return null;
  }
  // Anything else with a scheme (mysql://, http://) is a mistake, not a file name.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "must be a SQLite file (a path or file:path) or a postgres:// URL";
  return null;
}

/** DATABASE_URL as what to open: `postgres://…` is a PostgreSQL server, anything else a SQLite file. */
export function databaseTarget(url: string): DatabaseTarget {
  return POSTGRES_URL.test(url) ? { engine: "postgres", url } : { engine: "sqlite", path: databasePathFromUrl(url) };
}

/** The database as messages may name it: the SQLite file, or the Postgres URL without its password. */
export function databaseLabel(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return target.path;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return url.toString();
}

/** Why `value` cannot be PUBLIC_URL, or null: an absolute http(s) address with no path, query or fragment. */
function publicUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute address such as https://learn.example.org";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// (or http://), e.g. https://learn.example.org";
  if (url.username || url.password) return "must not contain a user name or password";
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(value))
    return "must be only the scheme and host (and port), without a path, query or fragment: the platform is served at the root of its address";
  return null;
}

export type Config = z.infer<typeof EnvSchema> & {
  /** what DATABASE_URL names: a SQLite file or a PostgreSQL server */
  database: DatabaseTarget;
  /** the SQLite file (or ":memory:"); on Postgres, the URL without its password, for messages */
  databasePath: string;
};

/** TRUST_PROXY as Express's "trust proxy" setting. */
export function trustProxySetting(value: string): false | number | string[] {
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(",").map((v) => v.trim());
}

export class ConfigError extends Error {}

/** A setting's value as an error message may print it: SMTP_URL's password never appears. */
function shownValue(name: string, value: string): string {
  if (name !== "SMTP_URL" && name !== "DATABASE_URL") return value;
  return value.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, "$1***@");
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings from shells (`PORT= npm start`) mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}=${JSON.stringify(shownValue(String(i.path[0]), env[String(i.path[0])] ?? ""))}: ${i.message}`,
    );
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const database = databaseTarget(result.data.DATABASE_URL);
  return { ...result.data, database, databasePath: databaseLabel(database) };
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
