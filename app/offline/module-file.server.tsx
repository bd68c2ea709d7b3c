// "Download this module": one self-contained HTML file that opens from a phone's storage or a USB
// stick, without a connection and without JavaScript (decision 034). Styles are inline, images are
// data: URIs, and the file's own Content-Security-Policy lets nothing else load.
import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { pick, type CourseText } from "~/content/localize";
import type { Course, Module } from "~/content/types";
import { directionOf, formatDate, languageTag, type T } from "~/i18n";
import { paths } from "~/lib/links";

/** Nothing but inline styles and data: images; no script, no request, whatever the lessons hold. */
const FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// The site's reading styles (app/styles/app.css), cut down to what the file shows. Logical
// properties only, so an Arabic file lays out right to left.
const STYLES = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5560; --brand: #0b4f71; --tint: #f2f5f8; --rule: #d5dbe1; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.6; color: var(--ink); background: #fff; }
main, footer { max-inline-size: 46rem; margin-inline: auto; padding: 1rem; }
a { color: var(--brand); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid #c75b00; outline-offset: 2px; }
h1, h2, h3, h4 { line-height: 1.25; margin-block: 1.2em 0.5em; }
h1 { font-size: 1.75rem; margin-block-start: 0.3em; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.15rem; }
.course { margin-block: 0; color: var(--muted); font-weight: 600; }
.meta { color: var(--muted); font-size: 0.95rem; }
.note { border-inline-start: 4px solid var(--brand); background: var(--tint); padding: 0.6rem 0.8rem; }
.toc ol, .objectives { padding-inline-start: 1.4rem; }
article { border-block-start: 1px solid var(--rule); margin-block-start: 2rem; }
.prose { overflow-wrap: anywhere; }
.prose img { max-inline-size: 100%; block-size: auto; }
.prose table { border-collapse: collapse; display: block; overflow-x: auto; }
.prose th, .prose td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: start; }
.prose blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 4px solid var(--rule); color: var(--muted); }
footer { border-block-start: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; }
html[dir="rtl"] [dir="ltr"] :is(p, li, h1, h2, h3, a, .meta), html[dir="ltr"] [dir="rtl"] :is(p, li, h1, h2, h3, a, .meta) { unicode-bidi: plaintext; }
@media print {
  main, footer { max-inline-size: none; padding: 0; }
  article + article { break-before: page; }
  .prose a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`.trim();

const IMAGE_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp" };
/** A larger image stays online: the file is for phones. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** The character references rehype-stringify writes in attribute values, read back. */
const unescapeHtml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[n]!);
const attr = (attrs: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(` ${attrs}`);
  return m ? unescapeHtml(m[1]!) : null;
};

/** A file of `publicDir` (the site's own /favicon.svg, say) as a data: URI, or null when it is not one of ours. */
export function publicFileAsDataUri(publicDir: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(urlPath, "http://site.invalid").pathname);
  } catch {
    return null;
  }
  const root = path.resolve(publicDir);
  const file = path.resolve(root, `.${rel}`);
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!type || !file.startsWith(root + path.sep)) return null;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_IMAGE_BYTES) return null;
    return `data:${type};base64,${fs.readFileSync(file).toString("base64")}`;
  } catch {
    return null;
  }
}

/**
 * A lesson's sanitized HTML made to stand alone in the file: links to the module's lessons go to
 * their place in the file, other site links to the site; ids and in-page links get the lesson's
 * prefix (two lessons' footnotes must not share ids); headings go one level down under the lesson's
 * own h2; the site's images become data: URIs, and an image elsewhere becomes a link to it (the file
 * loads nothing).
 */
export function standaloneLessonHtml(
  html: string,
  opts: { lessonId: string; courseId: string; inFile: ReadonlySet<string>; origin: string; publicDir: string; imageLabel: (alt: string) => string },
): string {
  const prefix = `${opts.lessonId}--`;
  const lessonLink = new RegExp(`^/courses/${opts.courseId}/lessons/([a-z0-9-]+)$`);
  return html
    .replace(/<(\/?)h([2-5])(?=[\s>])/g, (_, slash: string, n: string) => `<${slash}h${Number(n) + 1}`)
    .replace(/\s(id|aria-describedby|aria-labelledby)="([^"]*)"/g, (_, name: string, v: string) => ` ${name}="${v.split(/\s+/).map((x) => prefix + x).join(" ")}"`)
    .replace(/\shref="([^"]*)"/g, (_, raw: string) => {
      const href = unescapeHtml(raw);
      if (href.startsWith("#")) return ` href="#${escapeHtml(prefix + href.slice(1))}"`;
      const target = lessonLink.exec(href)?.[1];
      if (target && opts.inFile.has(target)) return ` href="#lesson-${target}"`;
      if (href.startsWith("/")) return ` href="${escapeHtml(opts.origin + href)}"`;
      return ` href="${raw}"`;
    })
    .replace(/<img\b([^>]*?)\/?>/g, (whole, attrs: string) => {
      const src = attr(attrs, "src") ?? "";
      if (src.startsWith("data:image/")) return whole;
      const inline = src.startsWith("/") && !src.startsWith("//") ? publicFileAsDataUri(opts.publicDir, src) : null;
      if (inline) return whole.replace(/\ssrc="[^"]*"/, ` src="${inline}"`);
      const url = src.startsWith("/") && !src.startsWith("//") ? opts.origin + src : src;
      return /^https?:\/\//.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(opts.imageLabel(attr(attrs, "alt") ?? ""))}</a>` : "";
    });
}

export interface ModuleFile {
  html: string;
  filename: string;
}

/**
 * The module as one HTML file: the course's and the module's names, the objectives, a table of
 * contents and every lesson in order, in the language the course is shown in; the interface's few
 * words (contents, minutes, the note at the end) in the reader's language, each with its lang and dir.
 */
export function moduleFile(course: Course, text: CourseText, module: Module, ui: string, t: T, origin: string, opts: { publicDir?: string; now?: number } = {}): ModuleFile {
  const publicDir = opts.publicDir ?? path.resolve("public");
  const lang = text.lang;
  const content = { lang: languageTag(lang), dir: directionOf(lang) };
  const uiAttrs = { lang: languageTag(ui), dir: directionOf(ui) };
  const courseTitle = pick(course.title, lang);
  const moduleTitle = pick(module.title, lang);
  const inFile = new Set(module.lessons.map((l) => l.id));
  const lessons = module.lessons.map((l) => ({
    id: l.id,
    title: pick(l.title, lang),
    minutes: t("course.lessonMinutes", { minutes: l.minutes }),
    html: standaloneLessonHtml(pick(l.html, lang), { lessonId: l.id, courseId: course.id, inFile, origin, publicDir, imageLabel: (alt) => t("download.image", { alt }) }),
  }));
  const icon = publicFileAsDataUri(publicDir, "/favicon.svg");
  const online = origin + paths.course(course.id);
  const page = (
    <html {...uiAttrs}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta httpEquiv="Content-Security-Policy" content={FILE_POLICY} />
        <title>{t("download.title", { module: moduleTitle, course: courseTitle })}</title>
        {icon ? <link rel="icon" href={icon} /> : null}
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <main>
          <header {...content}>
            <p className="course">{courseTitle}</p>
            <h1>{moduleTitle}</h1>
          </header>
          {text.fallback ? (
            <p className="note" {...uiAttrs}>
              {t("course.fallback", text.fallback)}
            </p>
          ) : null}
          {module.objectives.length ? (
            <>
              <p className="meta" {...uiAttrs}>
                {t("course.objectives")}
              </p>
              <ul className="objectives" {...content}>
                {module.objectives.map((o, i) => (
                  <li key={i}>{pick(o, lang)}</li>
                ))}
              </ul>
            </>
          ) : null}
          <nav className="toc" aria-labelledby="contents" {...uiAttrs}>
            <h2 id="contents">{t("download.contents")}</h2>
            <ol {...content}>
              {lessons.map((l) => (
                <li key={l.id}>
                  <a href={`#lesson-${l.id}`}>{l.title}</a>{" "}
                  <span className="meta" {...uiAttrs}>
                    {l.minutes}
                  </span>
                </li>
              ))}
            </ol>
          </nav>
          {lessons.map((l) => (
            <article key={l.id} id={`lesson-${l.id}`} aria-labelledby={`title-${l.id}`} {...content}>
              <h2 id={`title-${l.id}`}>{l.title}</h2>
              <p className="meta" {...uiAttrs}>
                {l.minutes}
              </p>
              <div className="prose" dangerouslySetInnerHTML={{ __html: l.html }} />
            </article>
          ))}
        </main>
        <footer {...uiAttrs}>
          <p>{t("download.saved", { date: formatDate(opts.now ?? Date.now(), ui, "long") })}</p>
          <p>
            {t("download.online")} <a href={online}>{online}</a>
          </p>
        </footer>
      </body>
    </html>
  );
  return { html: `<!DOCTYPE html>\n${renderToStaticMarkup(page)}\n`, filename: `${course.id}-${module.id}-${lang}.html` };
}
