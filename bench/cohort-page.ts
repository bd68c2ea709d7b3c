// Prints the weight of a manager's cohort page for a cohort of 5,000 participants (run after
// `npm run build`): the HTML the server sends, and its gzipped size. `APP_ROOT=<checkout>` measures
// another checkout's build (its server migrates the database; this script only adds rows), which is
// how the figure before paging was taken.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createUser } from "../app/auth/users.server";
import { createCohort, importParticipants } from "../app/cohorts/cohorts.server";
import type { ParticipantRow } from "../app/cohorts/csv";
import { openDatabase } from "../db/index";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 5000);
const root = path.resolve(process.env.APP_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error(`No build in ${root}: run \`npm run build\` there first.`);

const port = await new Promise<number>((resolve) => {
  const srv = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (srv.address() as net.AddressInfo).port;
    srv.close(() => resolve(p));
  });
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-bench-cohort-"));
const file = path.join(dir, "app.sqlite");
const child = spawn(process.execPath, ["server.mjs"], {
  cwd: root,
  env: { PATH: process.env.PATH ?? "", PORT: String(port), DATABASE_URL: `file:${file}`, PASSWORD_HASH_COST: "10", SESSION_COOKIE_SECURE: "false", NODE_ENV: "production" },
  stdio: "ignore",
});
const url = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error("the server did not start");
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const { db, sqlite } = openDatabase(file);
  const created = await createUser(db, { name: "Bench Manager", email: "bench.manager@example.org", password: "bench manager password", locale: "en", role: "manager" }, 10);
  if (!created.ok) throw new Error(created.reason);
  const cohortId = await createCohort(db, created.user, { name: "Bench cohort", programme: "Bench programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["essentials"] });
  const ORG_TYPES = ["mfa", "csirt", "regulator", "other_ministry", "other"] as const;
  const rows: ParticipantRow[] = Array.from({ length: PARTICIPANTS }, (_, i) => ({
    line: i + 2,
    name: `Participant ${String(i).padStart(5, "0")} Example-Surname`,
    email: `participant.${i}@ministry-${i % 97}.example.org`,
    country: ["GH", "KE", "SN", "FJ", "PE"][i % 5]!,
    organisation: `Ministry of Foreign Affairs, cyber unit ${i % 97}`,
    org_type: ORG_TYPES[i % 5]!,
    gender: null,
  }));
  await importParticipants(db, cohortId, rows);
  sqlite.close();

  const login = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email: "bench.manager@example.org", password: "bench manager password" }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (login.status !== 302 || !cookie) throw new Error(`sign-in answered ${login.status}`);
  const measure = async (label: string, pathname: string) => {
    const res = await fetch(url + pathname, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`${label}: ${kb(body.length)} HTML (${body.length} bytes), ${kb(gzipSync(body).length)} gzipped`);
  };
  console.log(`Cohort page, ${PARTICIPANTS} participants (${path.relative(process.cwd(), root) || "."})`);
  await measure("first page", `/manage/cohorts/${cohortId}`);
  await measure("page 2", `/manage/cohorts/${cohortId}?page=2`);
  await measure("search “unit 42”", `/manage/cohorts/${cohortId}?q=${encodeURIComponent("unit 42")}`);
} finally {
  child.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
