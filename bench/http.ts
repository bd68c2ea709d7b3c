// HTTP throughput of the production server, as a signed-in learner. Run: npm run bench:http
// (it builds first). Options: --duration 10 (seconds per row), --connections 50, --learners 3000 (enough for several seconds of quiz answers),
// --warm-up 1000 (requests sent before each page row is measured), --only quiz,lesson (some rows).
//
// Self-contained: a fresh database in a temporary folder, the demo accounts (scripts/seed-demo.ts),
// `--learners` more learners with an open attempt at the demo course's first quiz, then `node server.mjs`
// in production mode. Each row is driven with autocannon; the same bytes are then served by a bare
// node:http server in the same run, so the ratio holds however busy the machine is. The load generator
// (bench/load.mjs) and the bare server (bench/bare.mjs) run in processes of their own, so neither
// shares an event loop with this script. Figures are printed, never asserted.
import { execFileSync, fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import type autocannon from "autocannon";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { createLucia, SESSION_COOKIE } from "../app/auth/lucia.server";
import { enrol } from "../app/learning/progress.server";
import { getAttempt, startAttempt } from "../app/learning/quiz.server";
import type { Question } from "../app/content/types";
import { migrateToLatest, openDatabase } from "../db/index";
import { seededDatabase, signIn, startServer } from "./lib";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg("duration", 10);
const CONNECTIONS = arg("connections", 50);
const LEARNERS = arg("learners", 3000);
const WARM_UP = arg("warm-up", 1000);
const PORT = arg("port", 3390);
const BARE_PORT = PORT + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;

const bench = seededDatabase(PORT);
const dbFile = bench.file;
// ---------------------------------------------------------------- the database
const { catalog } = loadCatalogFromDisk("courses");
const course = catalog.byId.get("essentials")!;
const quiz = course.modules.find((m) => m.quiz)!.quiz!;
const lesson = course.lessons[1]!;

/** A valid answer to `q` as a form body (not necessarily right). */
function answerBody(q: Question): string {
  const f = new URLSearchParams({ questionId: q.id });
  switch (q.type) {
    case "single":
    case "multiple":
      f.append("answer", q.options[0]!.id);
      break;
    case "truefalse":
      f.append("answer", "true");
      break;
    case "ordering":
      q.options.forEach((o, i) => f.append(`position.${o.id}`, String(i + 1)));
      break;
    case "matching":
      for (const p of q.prompts) f.append(`match.${p.id}`, q.options[0]!.id);
      break;
    default:
      f.append("answer", "An answer");
  }
  return f.toString();
}

interface Post {
  path: string;
  cookie: string;
  body: string;
}
const posts: Post[] = [];
{
  const { db, sqlite } = openDatabase(dbFile);
  await migrateToLatest(db);
  const lucia = createLucia(db, false);
  const template = await db.selectFrom("users").selectAll().where("email", "=", "learner@example.org").executeTakeFirstOrThrow();
  const now = Date.now();
  for (let i = 0; i < LEARNERS; i++) {
    const id = crypto.randomUUID();
    await db.insertInto("users").values({ ...template, id, email: `bench-${i}@example.org`, name: `Bench learner ${i}`, created_at: now }).execute();
    await enrol(db, id, course.id);
    const started = await startAttempt(db, id, course, quiz);
    if (!started.ok) throw new Error("could not start an attempt");
    const view = (await getAttempt(db, id, quiz, started.attemptId))!;
    const session = await lucia.createSession(id, { created_at: now, user_agent: "bench" });
    // The first question of every learner's attempt: one POST per learner, so no two requests
    // compete for the same attempt and every POST is a fresh answer.
    const q = view.current!;
    posts.push({ path: `/courses/${course.id}/quizzes/${quiz.id}/attempts/${started.attemptId}`, cookie: `${SESSION_COOKIE}=${session.id}`, body: answerBody(q) });
  }
  sqlite.close();
}

// ---------------------------------------------------------------- the server
const running = await startServer(bench);
const server = running.child;
const learnerCookie = await signIn(ORIGIN, "learner@example.org", "learner-demo-2026");

// ---------------------------------------------------------------- measuring
/** Resident memory of the server and its workers, sampled while a row runs. */
function rssOf(pid: number): number[] {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "--pid", String(pid), "--ppid", String(pid)], { encoding: "utf8" });
    return out.trim().split(/\s+/).map((kb) => Number(kb) * 1024);
  } catch {
    return [];
  }
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** what the errors were: timeouts, unexpected statuses */
  why: string;
  requests: number;
  rssMax: number;
  rssTotal: number;
}

/** Runs autocannon in its own process (bench/load.mjs) while sampling the server's memory. */
async function drive(opts: autocannon.Options, pid: number | null, expectStatus: number, posts?: { list: Post[]; headers: Record<string, string> }): Promise<Figures> {
  let rssMax = 0;
  let rssTotal = 0;
  const sampler = setInterval(() => {
    if (pid === null) return;
    const r = rssOf(pid);
    rssMax = Math.max(rssMax, ...r);
    rssTotal = Math.max(rssTotal, r.reduce((a, b) => a + b, 0));
  }, 500);
  const load = fork(new URL("./load.mjs", import.meta.url));
  const answer = await new Promise<{ result: autocannon.Result; statuses: Record<string, number> }>((resolve, reject) => {
    load.once("message", (m: { error?: string; result: autocannon.Result; statuses: Record<string, number> }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    load.once("exit", (code) => code && reject(new Error(`load generator exited ${code}`)));
    load.send({ options: { connections: CONNECTIONS, ...opts }, expectStatus, posts: posts?.list, headers: posts?.headers });
  });
  clearInterval(sampler);
  const { result, statuses } = answer;
  const wrongStatus = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    // Requests over the run's seconds: a POST row lasts a second or two, where per-second buckets mislead.
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + wrongStatus,
    why: [...(result.timeouts ? [`${result.timeouts} timeouts`] : []), ...Object.entries(statuses).map(([code, n]) => `${n}×${code}`)].join(", "),
    requests: result.requests.total,
    rssMax,
    rssTotal,
  };
}

/** Serves `status`, `headers` and `body` to every request, as plainly as node:http can, in a process of its own. */
async function bareServer(status: number, headers: Record<string, string>, body: Buffer): Promise<{ close: () => void }> {
  const child = fork(new URL("./bare.mjs", import.meta.url));
  await new Promise<void>((resolve) => {
    child.once("message", () => resolve());
    child.send({ port: BARE_PORT, status, headers, body: body.toString("base64") });
  });
  return { close: () => child.kill() };
}

interface Row {
  name: string;
  app: Figures;
  bare: Figures;
  bytes: number;
}
const rows: Row[] = [];
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function pageRow(name: string, pathname: string, cookie: string | null) {
  const headers: Record<string, string> = { "Accept-Encoding": "gzip, br", "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate" };
  if (cookie) headers.Cookie = cookie;
  // The exact bytes and headers the browser would get, for the bare server.
  const sample = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    http.get(`${ORIGIN}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string" && !["content-length", "transfer-encoding", "connection", "keep-alive", "date"].includes(k)) h[k] = v;
        resolve({ status: res.statusCode!, headers: h, body: Buffer.concat(chunks) });
      });
    }).on("error", reject);
  });
  if (sample.status !== 200) throw new Error(`${pathname}: ${sample.status}`);
  // A short run first, not counted, so that the first row is not also the one that warms the JIT.
  await drive({ url: `${ORIGIN}${pathname}`, amount: WARM_UP, headers }, server.pid!, 200);
  const app = await drive({ url: `${ORIGIN}${pathname}`, duration: DURATION, headers }, server.pid!, 200);
  const bare = await bareServer(sample.status, sample.headers, sample.body);
  await drive({ url: `http://127.0.0.1:${BARE_PORT}${pathname}`, amount: WARM_UP, headers }, null, 200);
  const bareFig = await drive({ url: `http://127.0.0.1:${BARE_PORT}${pathname}`, duration: DURATION, headers }, null, 200);
  bare.close();
  rows.push({ name, app, bare: bareFig, bytes: sample.body.length });
}

async function quizRow() {
  const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" };
  const app = await drive({ url: ORIGIN, amount: posts.length }, server.pid!, 302, { list: posts, headers: { ...headers, Host: `127.0.0.1:${PORT}` } });
  const redirect = `${posts[0]!.path}?answered=x`;
  const bare = await bareServer(302, { Location: redirect }, Buffer.alloc(0));
  const bareFig = await drive({ url: `http://127.0.0.1:${BARE_PORT}`, amount: posts.length * 5 }, null, 302, { list: posts, headers: { ...headers, Host: `127.0.0.1:${BARE_PORT}` } });
  bare.close();
  rows.push({ name: `Quiz answer POST → 302, ${posts.length} distinct learners`, app, bare: bareFig, bytes: 0 });
}

// --only quiz,lesson: just the rows whose name has one of these words.
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.toLowerCase().split(",") : null;
const wanted = (name: string) => !only || only.some((w) => name.toLowerCase().includes(w));
try {
  if (wanted("lesson")) await pageRow("Lesson page, signed-in learner", `/courses/${course.id}/lessons/${lesson.id}`, learnerCookie);
  if (wanted("catalogue")) await pageRow("Catalogue (/), signed-in learner", "/", learnerCookie);
  if (wanted("course")) await pageRow("Course page, signed-in learner", `/courses/${course.id}`, learnerCookie);
  if (wanted("glossary")) await pageRow("Glossary, signed-in learner", `/courses/${course.id}/glossary`, learnerCookie);
  if (wanted("healthz")) await pageRow("/healthz", "/healthz", null);
  if (wanted("quiz")) await quizRow();
} finally {
  await running.stop();
}

console.log(`\n${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per page row; bare = node:http serving the same bytes in the same run.`);
console.log(`Server processes: ${server.pid} and its workers; RSS = peak per process / peak total.\n`);
const header = ["What", "req/s", "p50 ms", "p99 ms", "errors", "RSS max/proc", "RSS total", "bare req/s", "bare p99", "ratio", "bytes"];
const table = rows.map((r) => [
  r.name,
  r.app.rps.toFixed(0),
  String(r.app.p50),
  String(r.app.p99),
  `${r.app.errors}/${r.app.requests}${r.app.why ? ` (${r.app.why})` : ""}`,
  mb(r.app.rssMax),
  mb(r.app.rssTotal),
  r.bare.rps.toFixed(0),
  String(r.bare.p99),
  (r.app.rps / r.bare.rps).toFixed(4),
  String(r.bytes),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
for (const line of [header, widths.map((w) => "-".repeat(w)), ...table]) console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
fs.rmSync(bench.dir, { recursive: true, force: true });
process.exit(0);
