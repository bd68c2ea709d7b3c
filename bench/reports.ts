// Report speed and export memory at scale, on SQLite and on Postgres. Run: npm run bench:reports [-- 10000 100000]
// Builds synthetic databases (scripts/synthetic-data.ts, cohorts of 10,000): SQLite files under data/,
// and Postgres databases bench_<n> on BENCH_POSTGRES_URL (a server where this user may create
// databases), or, unset, on a throw-away cluster of its own when initdb is found. Prints the median
// time of the cohort report, the programme report and the CSV export, and the export's peak memory,
// for each engine, then the two side by side.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { completionReport, learnersCsvStream } from "../app/reports/report.server";
import { migrateToLatest, openTarget, type DatabaseTarget } from "../db/index";
import { startTestCluster, findPostgresBindir, type TestCluster } from "../scripts/pg-test-cluster";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const { catalog } = loadCatalogFromDisk("courses");
const course = catalog.byId.get("csirt-cooperation")!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function timeIt(runs: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

let cluster: TestCluster | null = null;
let postgresServer = process.env.BENCH_POSTGRES_URL ?? null;
if (!postgresServer && findPostgresBindir()) {
  cluster = await startTestCluster();
  postgresServer = cluster.url;
  console.log(`Postgres: a throw-away cluster at ${cluster.url} (durability off: the figures are for reading)`);
} else if (!postgresServer) console.log("Postgres: skipped — initdb not found (install postgresql) and BENCH_POSTGRES_URL unset");

/** The Postgres database for `n` learners, built when it does not exist yet. */
async function postgresTarget(server: string, n: number): Promise<{ target: DatabaseTarget; build: boolean }> {
  const name = `bench_${n}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { target: { engine: "postgres", url: url.toString() }, build: !exists };
}

const results: { n: number; engine: string; cohortMs: number; programmeMs: number; exportMs: number; heap: string }[] = [];

async function bench(n: number, target: DatabaseTarget, build: boolean) {
  const where = target.engine === "sqlite" ? target.path : `postgres bench_${n}`;
  if (build) {
    console.log(`Building ${where}…`);
    const t = performance.now();
    execFileSync("npx", ["tsx", "scripts/synthetic-data.ts", "--learners", String(n), "--cohort-size", "10000", "--db", target.engine === "sqlite" ? target.path : target.url], { stdio: "inherit" });
    console.log(`  built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const database = openTarget(target);
  const { db } = database;
  // A database built before the latest migrations gets them (0018 summarises existing progress).
  const m = performance.now();
  const applied = (await migrateToLatest(db)).results?.length ?? 0;
  if (applied) console.log(`Migrated ${where} (${applied} migration(s)) in ${(performance.now() - m).toFixed(0)} ms`);
  const cohorts = (await db.selectFrom("cohorts").select("id").orderBy("name").execute()).map((c) => c.id);
  const cohortFilter = { cohortIds: [cohorts[0]!], courseId: course.id };
  const programmeFilter = { cohortIds: cohorts, courseId: course.id };
  const cohortMs = await timeIt(5, () => completionReport(db, course, cohortFilter, "name", "asc", 1));
  const programmeMs = await timeIt(3, () => completionReport(db, course, programmeFilter, "name", "asc", 1));

  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let bytes = 0;
  const t = performance.now();
  const reader = learnersCsvStream(db, course, programmeFilter).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }
  const exportMs = performance.now() - t;
  const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
  console.log(
    `${target.engine}: ${n.toLocaleString("en")} learners (${cohorts.length} cohorts of up to 10,000): ` +
      `cohort report ${cohortMs.toFixed(0)} ms, programme report ${programmeMs.toFixed(0)} ms, ` +
      `CSV export of the programme ${exportMs.toFixed(0)} ms (${mb(bytes)} MB), export peak heap +${mb(peakHeap - before.heapUsed)} MB, rss +${mb(peakRss - before.rss)} MB`,
  );
  results.push({ n, engine: target.engine, cohortMs, programmeMs, exportMs, heap: `+${mb(peakHeap - before.heapUsed)} MB` });
  await database.close();
}

try {
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    const file = `data/bench-${n}.sqlite`;
    await bench(n, { engine: "sqlite", path: file }, !fs.existsSync(file));
    if (postgresServer) {
      const { target, build } = await postgresTarget(postgresServer, n);
      await bench(n, target, build);
    }
  }
} finally {
  cluster?.stop();
}

const pad = (v: string, w: number) => v.padStart(w);
console.log(`\n${"learners".padEnd(9)} ${"engine".padEnd(9)} ${pad("cohort report", 14)} ${pad("programme report", 17)} ${pad("CSV export", 11)} ${pad("export heap", 12)}`);
for (const r of results)
  console.log(
    `${r.n.toLocaleString("en").padEnd(9)} ${r.engine.padEnd(9)} ${pad(`${r.cohortMs.toFixed(0)} ms`, 14)} ${pad(`${r.programmeMs.toFixed(0)} ms`, 17)} ${pad(`${r.exportMs.toFixed(0)} ms`, 11)} ${pad(r.heap, 12)}`,
  );
