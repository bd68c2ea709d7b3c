// Prints the gzipped weight of what a learner's browser downloads per page type (run after `npm run build`).
// JavaScript is an enhancement here (every page works without it), but its weight still matters on slow links.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const manifestFile = fs.readdirSync("public/build").find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("No build found: run `npm run build` first.");
const text = fs.readFileSync(path.join("public/build", manifestFile), "utf8");
const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};
const gz = (url: string) => gzipSync(fs.readFileSync(path.join("public", url))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const css = fs.readdirSync("public/build/_assets").filter((f) => f.endsWith(".css"));
const cssBytes = css.reduce((n, f) => n + gz(`/build/_assets/${f}`), 0);

const shared = new Set([manifest.entry.module, ...manifest.entry.imports, manifest.routes.root!.module, ...(manifest.routes.root!.imports ?? [])]);
const sharedBytes = [...shared].reduce((n, f) => n + gz(f), 0);
console.log(`CSS (all pages): ${kb(cssBytes)} gzipped`);
console.log(`JavaScript shared by every page (React, Remix, root): ${kb(sharedBytes)} gzipped`);
for (const id of ["routes/_index", "routes/courses.$courseId._index", "routes/courses.$courseId.lessons.$lessonId", "routes/courses.$courseId.quizzes.$quizId.attempts.$attemptId"]) {
  const r = manifest.routes[id];
  if (!r) continue;
  const own = [r.module, ...(r.imports ?? [])].filter((f) => !shared.has(f));
  const bytes = own.reduce((n, f) => n + gz(f), 0);
  console.log(`${id}: +${kb(bytes)} gzipped (total ${kb(sharedBytes + bytes)} JS)`);
}
