// What a learner's browser downloads per page, and how long the page takes to load on a slow phone link.
// Run: npm run bench:weight (it builds first). Options: --3g-only, --runs 3 (3G loads per page, median).
//
// Real Chromium (/usr/bin/chromium, through Playwright), a cold cache for every page (a new browser
// context), JavaScript on and off, signed in as the demo learner on a fresh database. Bytes are what
// went over the wire (Chromium's encodedDataLength: compressed bodies plus headers) for every request
// the page made — the document, the stylesheet, the icon, scripts and the data they carry (the
// interface dictionary included). The 3G figures use Chromium's own network emulation (CDP
// Network.emulateNetworkConditions: 750 kb/s down, 250 kb/s up, 100 ms round trip) and time from the
// document's request to the load event, both as CDP reports them. Figures are printed, never asserted.
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { SESSION_COOKIE } from "../app/auth/lucia.server";
import { seededDatabase, signIn, startServer } from "./lib";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 3);
const PORT = arg("port", 3395);

const bench = seededDatabase(PORT);
const server = await startServer(bench);
const { origin } = server;
const cookie = (await signIn(origin, "learner@example.org", "learner-demo-2026")).split("=")[1]!;

// The demo learner is enrolled in the demo course (scripts/seed-demo.ts).
const PAGES: [string, string][] = [
  ["Lesson", "/courses/essentials/lessons/l-four-pillars"],
  ["Catalogue", "/"],
  ["Course", "/courses/essentials"],
  ["Glossary", "/courses/essentials/glossary"],
  ["Quiz (enhanced)", "/courses/essentials/quizzes/quiz-framework"],
  ["My learning (enhanced)", "/dashboard"],
];

const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function freshContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  return context;
}

interface Load {
  bytes: number;
  requests: number;
  scripts: number;
  loadMs: number;
  status: number;
}

/** One cold load of `path`; with `slow`, on emulated regular 3G. */
async function load(path: string, javaScriptEnabled: boolean, slow: boolean): Promise<Load> {
  const context = await freshContext(javaScriptEnabled);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (slow) await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 100, downloadThroughput: (750 * 1000) / 8, uploadThroughput: (250 * 1000) / 8 });
  let bytes = 0;
  let requests = 0;
  let scripts = 0;
  const types = new Map<string, string>();
  // Chromium's own clock for both ends: the document's request, and the load event (no page script
  // needed, so JavaScript-off pages are timed the same way).
  let sentAt = NaN;
  let loadAt = NaN;
  await cdp.send("Page.enable");
  cdp.on("Page.loadEventFired", (e) => (loadAt = Number.isNaN(loadAt) ? e.timestamp : loadAt));
  cdp.on("Network.requestWillBeSent", (e) => {
    types.set(e.requestId, e.type ?? "");
    if (Number.isNaN(sentAt) && e.type === "Document") sentAt = e.timestamp;
  });
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    requests++;
    if (types.get(e.requestId) === "Script") scripts++;
  });
  const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
  // Anything the page fetches after the load event (a hydrated page's lazy route modules) counts too.
  await page.waitForLoadState("networkidle");
  const loadMs = (loadAt - sentAt) * 1000;
  await context.close();
  return { bytes, requests, scripts, loadMs, status: response?.status() ?? 0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const rows: string[][] = [];
try {
  for (const [name, path] of PAGES) {
    const off = await load(path, false, false);
    const on = await load(path, true, false);
    if (off.status !== 200 || on.status !== 200) throw new Error(`${path}: ${off.status}/${on.status}`);
    const on3g: number[] = [];
    const off3g: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      on3g.push((await load(path, true, true)).loadMs);
      off3g.push((await load(path, false, true)).loadMs);
    }
    rows.push([name, path, kb(off.bytes), `${off.requests}`, kb(on.bytes), `${on.requests} (${on.scripts} JS)`, `${(median(on3g) / 1000).toFixed(2)} s`, `${(median(off3g) / 1000).toFixed(2)} s`]);
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(bench.dir, { recursive: true, force: true });
}

console.log(`\nChromium, cold cache, signed-in learner. Bytes = every response's encoded size (headers + compressed body).`);
console.log(`3G = CDP Network.emulateNetworkConditions 750 kb/s down, 250 kb/s up, 100 ms RTT; median of ${RUNS}.`);
console.log(`3G load = from the document's request to the load event, both on Chromium's clock (CDP).\n`);
const header = ["Page", "Path", "JS off bytes", "requests", "JS on bytes", "requests", "3G load, JS on", "3G load, JS off"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const line of [header, widths.map((w) => "-".repeat(w)), ...rows]) console.log(line.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
process.exit(0);
