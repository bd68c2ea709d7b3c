// Report speed and export memory at scale. Run: npm run bench:reports [-- 10000 100000]
// Builds synthetic databases under data/ (scripts/synthetic-data.ts, cohorts of 10,000) and prints the
// median time of the cohort report, the programme report and the CSV export, and the export's peak memory.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { completionReport, learnersCsvStream } from "../app/reports/report.server";
import { migrateToLatest, openDatabase } from "../db/index";

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

for (const n of sizes.length ? sizes : [10_000, 100_000]) {
  const file = `data/bench-${n}.sqlite`;
  if (!fs.existsSync(file)) {
    console.log(`Building ${file}…`);
    execFileSync("npx", ["tsx", "scripts/synthetic-data.ts", "--learners", String(n), "--cohort-size", "10000", "--db", file], { stdio: "inherit" });
  }
  const { db, sqlite } = openDatabase(file);
  // A database built before the latest migrations gets them (0018 summarises existing progress).
  const m = performance.now();
  const applied = (await migrateToLatest(db)).results?.length ?? 0;
  if (applied) console.log(`Migrated ${file} (${applied} migration(s)) in ${(performance.now() - m).toFixed(0)} ms`);
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
    `${n.toLocaleString("en")} learners (${cohorts.length} cohorts of up to 10,000): ` +
      `cohort report ${cohortMs.toFixed(0)} ms, programme report ${programmeMs.toFixed(0)} ms, ` +
      `CSV export of the programme ${exportMs.toFixed(0)} ms (${mb(bytes)} MB), export peak heap +${mb(peakHeap - before.heapUsed)} MB, rss +${mb(peakRss - before.rss)} MB`,
  );
  sqlite.close();
}
