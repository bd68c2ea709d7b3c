import type { DraftAnswers } from "./drafting";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The learner's draft as a standalone HTML document: it opens in any browser and in word processors
 * (LibreOffice, Word), prints cleanly, and needs nothing from the platform to be read at the ministry.
 */
export function draftDocument(d: {
  lang: string;
  title: string;
  learner: string;
  course: string;
  date: string;
  prompts: { id: string; kind: "text" | "table"; label: string; columns: string[] }[];
  answers: DraftAnswers;
}): string {
  const body = d.prompts
    .map((p) => {
      const a = d.answers[p.id];
      if (p.kind === "text") {
        const text = typeof a === "string" ? a : "";
        return `<h2>${esc(p.label)}</h2>\n${text.split(/\n{2,}/).map((para) => `<p>${esc(para).replace(/\n/g, "<br>")}</p>`).join("\n")}`;
      }
      const rows = (Array.isArray(a) ? a : []).filter((r) => r.some((c) => c.trim()));
      return `<h2>${esc(p.label)}</h2>\n<table>\n<thead><tr>${p.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead>\n<tbody>\n${rows
        .map((r) => `<tr>${p.columns.map((_, i) => `<td>${esc(r[i] ?? "")}</td>`).join("")}</tr>`)
        .join("\n")}\n</tbody>\n</table>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${esc(d.lang)}">
<head>
<meta charset="utf-8">
<title>${esc(d.title)}</title>
<style>
body { font-family: Georgia, "Times New Roman", serif; max-width: 44rem; margin: 2rem auto; line-height: 1.5; color: #111; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #888; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
.meta { color: #444; }
</style>
</head>
<body>
<h1>${esc(d.title)}</h1>
<p class="meta">${esc(d.learner)} · ${esc(d.course)} · ${esc(d.date)}</p>
${body}
</body>
</html>
`;
}
