// The module file stands alone (decision 034): what a lesson's HTML becomes inside it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publicFileAsDataUri, standaloneLessonHtml } from "../../app/offline/module-file.server";

const PUBLIC = path.resolve("public");
const opts = {
  lessonId: "l-one",
  courseId: "mini",
  inFile: new Set(["l-one", "l-two"]),
  origin: "https://learn.example.org",
  publicDir: PUBLIC,
  imageLabel: (alt: string) => `Image (online only): ${alt}`,
};

describe("a lesson inside the module file", () => {
  it("links to the module's lessons in the file, to the rest of the site by its full address, elsewhere as it was", () => {
    const html = standaloneLessonHtml(
      '<p><a href="/courses/mini/lessons/l-two">two</a> <a href="/courses/mini/lessons/l-nine">nine</a> <a href="/courses/other/lessons/l-two">other</a> <a href="https://un.org/a?b=1&#x26;c=2">UN</a> <a href="mailto:x@example.org">mail</a></p>',
      opts,
    );
    expect(html).toBe(
      '<p><a href="#lesson-l-two">two</a> <a href="https://learn.example.org/courses/mini/lessons/l-nine">nine</a> <a href="https://learn.example.org/courses/other/lessons/l-two">other</a> <a href="https://un.org/a?b=1&#x26;c=2">UN</a> <a href="mailto:x@example.org">mail</a></p>',
    );
  });

  it("puts its headings under the lesson's own h2, and gives its ids and in-page links the lesson's prefix", () => {
    const html = standaloneLessonHtml('<h2 id="user-content-a">A</h2><h5>E</h5><h6>F</h6><sup><a href="#user-content-fn-1" id="user-content-fnref-1" aria-describedby="footnote-label">1</a></sup>', opts);
    expect(html).toBe('<h3 id="l-one--user-content-a">A</h3><h6>E</h6><h6>F</h6><sup><a href="#l-one--user-content-fn-1" id="l-one--user-content-fnref-1" aria-describedby="l-one--footnote-label">1</a></sup>');
  });

  it("makes the site's own images data: URIs and an image elsewhere a link to it, so the file loads nothing", () => {
    const html = standaloneLessonHtml('<p><img src="/favicon.svg" alt="logo"> <img src="https://elsewhere.example/map.png" alt="A map &#x26; legend"> <img src="/no-such.png" alt="gone"> <img src="data:image/png;base64,AAAA" alt="inline"></p>', opts);
    const svg = fs.readFileSync(path.join(PUBLIC, "favicon.svg")).toString("base64");
    expect(html).toBe(
      `<p><img src="data:image/svg+xml;base64,${svg}" alt="logo"> <a href="https://elsewhere.example/map.png">Image (online only): A map &amp; legend</a> <a href="https://learn.example.org/no-such.png">Image (online only): gone</a> <img src="data:image/png;base64,AAAA" alt="inline"></p>`,
    );
    expect(html).not.toMatch(/<img[^>]+src="(?!data:)/);
  });

  it("reads only image files of the public folder", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-offline-"));
    fs.writeFileSync(path.join(outside, "secret.svg"), "<svg/>");
    const rel = path.relative(PUBLIC, path.join(outside, "secret.svg")).split(path.sep).join("/");
    for (const p of [`/${rel}`, `/%2e%2e/${rel}`, "/../package.json", "/sw.js", "/favicon.ico", "/build", "/%zz.svg"]) expect(publicFileAsDataUri(PUBLIC, p), p).toBeNull();
    expect(publicFileAsDataUri(PUBLIC, "/favicon.svg")).toMatch(/^data:image\/svg\+xml;base64,/);
    fs.rmSync(outside, { recursive: true });
  });
});
