// Profiles one worker under a page load: node --cpu-prof, autocannon in another process.
import { execFileSync, fork, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { seededDatabase, signIn } from "./bench/lib";
const pathname = process.argv[2] ?? "/";
const PORT = 3395;
const bench = seededDatabase(PORT);
const profDir = fs.mkdtempSync("/tmp/prof-");
const child = spawn("node", ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "server.mjs"], { env: { ...bench.env, WEB_CONCURRENCY: "1" }, stdio: ["ignore", "pipe", "inherit"] });
await new Promise<void>((r) => child.stdout!.on("data", (b) => String(b).includes("Listening") && r()));
const cookie = await signIn(`http://127.0.0.1:${PORT}`, "learner@example.org", "learner-demo-2026");
const load = fork("bench/load.mjs");
const res: any = await new Promise((r) => { load.once("message", r); load.send({ options: { url: `http://127.0.0.1:${PORT}${pathname}`, connections: 20, duration: 8, headers: { Cookie: cookie, "Accept-Encoding": "gzip, br" } }, expectStatus: 200 }); });
console.log(pathname, "req/s", res.result.requests.average, "p99", res.result.latency.p99, "errors", res.result.errors, JSON.stringify(res.statuses));
child.kill("SIGINT");
await new Promise((r) => child.once("exit", r));
const file = fs.readdirSync(profDir).map((f) => path.join(profDir, f))[0]!;
const prof = JSON.parse(fs.readFileSync(file, "utf8"));
// self time per function, and per package/file
const byId = new Map(prof.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
const dt = prof.timeDeltas; const samples = prof.samples;
for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>(); const file2 = new Map<string, number>();
for (const [id, t] of self) { const n: any = byId.get(id); const cf = n.callFrame; const key = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\/work\/main\//, "")}:${cf.lineNumber}`; fn.set(key, (fn.get(key) ?? 0) + t);
  const f = cf.url.includes("node_modules/") ? cf.url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1") : cf.url ? cf.url.replace(/.*\/work\/main\//, "") : cf.functionName; file2.set(f, (file2.get(f) ?? 0) + t); }
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${(100 * t / total).toFixed(1).padStart(5)}%  ${n}`).join("\n");
console.log("== by package/file\n" + top(file2, 25) + "\n== by function\n" + top(fn, 40));
fs.rmSync(bench.dir, { recursive: true, force: true });
process.exit(0);
