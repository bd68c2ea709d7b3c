import type { Link, Root } from "mdast";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/** Splits `---` frontmatter from a Markdown file; `bodyLine` is the body's first line in the file. */
export function splitFrontmatter(text: string): { frontmatter: string; body: string; bodyLine: number } | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return null;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) return null;
  return {
    frontmatter: lines.slice(1, end).join("\n"),
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}

export interface AnalysedMarkdown {
  tree: Root;
  words: number;
  /** links with their 1-based line within the body */
  links: { url: string; line: number; node: Link }[];
  headingOneLines: number[];
}

const parser = unified().use(remarkParse).use(remarkGfm);
// The sanitizer runs last before stringifying: nothing after it can reintroduce unsafe HTML.
const renderer = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

export function analyseMarkdown(body: string): AnalysedMarkdown {
  const tree = parser.runSync(parser.parse(body)) as Root;
  let words = 0;
  const links: AnalysedMarkdown["links"] = [];
  const headingOneLines: number[] = [];
  visit(tree, (node) => {
    if (node.type === "text" || node.type === "inlineCode") words += node.value.match(/\S+/g)?.length ?? 0;
    if (node.type === "link") links.push({ url: node.url, line: node.position?.start.line ?? 1, node });
    if (node.type === "heading" && node.depth === 1) headingOneLines.push(node.position?.start.line ?? 1);
  });
  return { tree, words, links, headingOneLines };
}

/** Renders an analysed tree to sanitized HTML; `lesson:` links must already be rewritten. */
export function renderMarkdown(tree: Root): string {
  const hast = renderer.runSync(structuredClone(tree));
  return renderer.stringify(hast);
}
