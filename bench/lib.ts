// What the benchmarks share: a fresh database with the demo accounts, and the production server on it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SESSION_COOKIE } from "../app/auth/lucia.server";

export interface BenchDatabase {
  dir: string;
  file: string;
  env: NodeJS.ProcessEnv;
}

/** A temporary folder with a migrated database holding the demo accounts (scripts/seed-demo.ts). */
export function seededDatabase(port: number): BenchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const file = path.join(dir, "app.sqlite");
  const env = { ...process.env, DATABASE_URL: `file:${file}`, PORT: String(port), NODE_ENV: "production" as const, PASSWORD_HASH_COST: "14", SESSION_COOKIE_SECURE: "false" };
  execFileSync("npx", ["tsx", "scripts/seed-demo.ts"], { env, stdio: "ignore" });
  return { dir, file, env };
}

/** `node server.mjs` (production, one worker per core) on the database; resolves once every worker listens. */
export async function startServer(db: BenchDatabase): Promise<{ child: ChildProcess; origin: string; stop: () => Promise<void> }> {
  const child = spawn("node", ["server.mjs"], { env: db.env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b;
      if (out.includes("Listening on")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const origin = `http://127.0.0.1:${db.env.PORT}`;
  return {
    child,
    origin,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Signs in through the login form, as a browser without JavaScript would; returns the Cookie header value. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0]!;
}
