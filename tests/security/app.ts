// The real server (server.mjs over the production build) on a database of its own, for tests that
// must cross Express: body limits, headers, the origin check, cookies as a browser sends them.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrateToLatest, openDatabase, type SqliteDatabase } from "../../db/index";

const ROOT = path.resolve(__dirname, "../..");

export interface RunningApp extends SqliteDatabase {
  url: string;
  /** the server's database file */
  file: string;
  port: number;
  /** everything the server printed, for asserting on its log */
  log: () => string;
  /** stops the server and closes the test's connection; removes the database unless `keepFiles` */
  stop: (opts?: { keepFiles?: boolean }) => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  /** everything the server printed, for asserting on its log */
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts `node server.mjs` on a free port with `env` (DATABASE_URL among it) and waits for /healthz. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js")))
    throw new Error("tests/security needs the production build: run `npm run build` first (npm test does).");
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: {
      // NODE_ENV left unset, as `npm run serve` leaves it: production must be the default.
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      PASSWORD_HASH_COST: "10",
      SESSION_COOKIE_SECURE: "false",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server.mjs did not answer /healthz within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts `node server.mjs` on a free port with a fresh SQLite file, migrated, and opens it here too. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-sec-"));
  const file = path.join(dir, "app.sqlite");
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  let server: RunningServer;
  try {
    server = await startServer({ DATABASE_URL: `file:${file}`, BACKUP_DIR: path.join(dir, "backups"), ...env });
  } catch (e) {
    opened.sqlite.close();
    throw e;
  }
  return {
    ...opened,
    url: server.url,
    file,
    port: server.port,
    log: server.log,
    stop: async ({ keepFiles = false } = {}) => {
      await server.stop();
      if (opened.sqlite.open) opened.sqlite.close();
      if (!keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: same-origin headers on mutations, cookies kept, redirects not followed. */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly app: { url: string }) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has("Cookie")) headers.set("Cookie", this.cookieHeader);
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    const method = init.method ?? (init.form ? "POST" : "GET");
    if (method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.app.url);
    const res = await fetch(this.app.url + pathname, { ...init, method, headers, body, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === "" || /max-age=0/i.test(c) || /expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(pathname: string, headers?: HeadersInit) {
    return this.request(pathname, { headers });
  }

  post(pathname: string, form: Record<string, string>, headers?: HeadersInit) {
    return this.request(pathname, { form, headers });
  }

  async login(email: string, password: string): Promise<Response> {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login as ${email} answered ${res.status}: ${await res.text()}`);
    return res;
  }
}
