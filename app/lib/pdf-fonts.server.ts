import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as Fontkit from "fontkit";
import { en, makeT, type T } from "~/i18n";
import { type Face, hasRtl, lineRuns, paragraph, type Run, wrapLines } from "./text-runs";

const require = createRequire(import.meta.url);

// pdfkit, fontkit and qrcode are required on the first PDF, not at start-up: together about 10 MB
// of heap that a worker serving pages never needs (decision 039).
const fontkit = () => require("fontkit") as typeof Fontkit;

/** A new PDF document (pdfkit, loaded on first use). */
export function newPdf(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const PDFDocument = require("pdfkit") as typeof import("pdfkit");
  return new PDFDocument(options);
}

export type Weight = "body" | "bold";

// The @embedpdf packages export only an index, not their font files: find the files beside it.
const embedpdf = (pkg: string, file: string) => path.join(path.dirname(require.resolve(pkg)), "..", "fonts", file);

/**
 * One face per script, each in two weights (decision 028). DejaVu Sans covers Latin (Vietnamese
 * included), Greek, Cyrillic and Hebrew; Noto Naskh Arabic; Noto Sans CJK in its Chinese, Japanese
 * and Korean versions. pdfkit embeds only the glyphs a PDF uses.
 */
const FILES: Record<Face, Record<Weight, string>> = {
  latin: { body: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf") },
  arabic: { body: embedpdf("@embedpdf/fonts-arabic", "NotoNaskhArabic-Regular.ttf"), bold: embedpdf("@embedpdf/fonts-arabic", "NotoNaskhArabic-Bold.ttf") },
  sc: { body: embedpdf("@embedpdf/fonts-sc", "NotoSansHans-Regular.otf"), bold: embedpdf("@embedpdf/fonts-sc", "NotoSansHans-Bold.otf") },
  jp: { body: embedpdf("@embedpdf/fonts-jp", "NotoSansJP-Regular.otf"), bold: embedpdf("@embedpdf/fonts-jp", "NotoSansJP-Bold.otf") },
  kr: { body: embedpdf("@embedpdf/fonts-kr", "NotoSansKR-Regular.otf"), bold: embedpdf("@embedpdf/fonts-kr", "NotoSansKR-Bold.otf") },
};

interface Loaded {
  buffer: Buffer;
  font: Fontkit.Font;
  /** ascent and descent (positive) in ems */
  ascent: number;
  descent: number;
}

// Read on first use and kept: a CJK face is 4–9 MB, read only once a name needs it.
const loaded = new Map<string, Loaded>();
function load(face: Face, weight: Weight): Loaded {
  const file = FILES[face][weight];
  let l = loaded.get(file);
  if (!l) {
    const buffer = readFileSync(file);
    const font = fontkit().create(buffer);
    l = { buffer, font, ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
    loaded.set(file, l);
  }
  return l;
}

/** Whether `face` has a glyph for the code point. */
export function faceCovers(face: Face, weight: Weight, cp: number): boolean {
  return load(face, weight).font.hasGlyphForCodePoint(cp);
}

/** Registers the fonts every PDF of the platform uses, as "body" and "bold" (Latin, Greek, Cyrillic). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont("body", FILES.latin.body);
  doc.registerFont("bold", FILES.latin.bold);
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();
function useFace(doc: PDFKit.PDFDocument, face: Face, weight: Weight, size: number) {
  const name = `${weight}-${face}`;
  let names = registered.get(doc);
  if (!names) registered.set(doc, (names = new Set()));
  if (!names.has(name)) {
    doc.registerFont(name, load(face, weight).buffer);
    names.add(name);
  }
  doc.font(name).fontSize(size);
}

export interface TextStyle {
  weight: Weight;
  size: number;
  /** the smallest size before wrapping onto one more line */
  minSize?: number;
  maxLines?: number;
}

interface Line {
  runs: (Run & { width: number })[];
  width: number;
  ascent: number;
  descent: number;
  advance: number;
}

export interface TextBlock {
  size: number;
  lines: Line[];
  height: number;
  weight: Weight;
}

function measureRuns(doc: PDFKit.PDFDocument, runs: Run[], weight: Weight, size: number) {
  return runs.map((r) => {
    useFace(doc, r.face, weight, size);
    return { ...r, width: doc.widthOfString(r.text) };
  });
}

/**
 * Lays `text` out in `width`: at `size` on one line if it fits, else smaller down to `minSize`, else
 * on more lines (up to `maxLines`) at the largest size that fits, and below `minSize` only when
 * nothing else fits, so a block never takes more than `maxLines` lines.
 */
export function layoutText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): TextBlock {
  const { weight, size: max, minSize = max, maxLines = 1 } = style;
  const p = paragraph(text.replace(/\s+/g, " ").trim(), (face, cp) => faceCovers(face, weight, cp));
  // Widths grow in proportion to the size: measure each piece once, at `max`, and scale the width.
  const widths = new Map<string, number>();
  const measure = (s: number, e: number) => {
    const key = `${s}:${e}`;
    let w = widths.get(key);
    if (w === undefined) widths.set(key, (w = measureRuns(doc, lineRuns(p, s, e), weight, max).reduce((sum, r) => sum + r.width, 0)));
    return w;
  };
  const wrapAt = (size: number) => wrapLines(p.text, (width * max) / size, measure);
  let chosen: { size: number; ranges: [number, number][] } | null = null;
  search: for (let n = 1; n <= maxLines; n++) {
    for (let size = max; size >= minSize; size -= 0.5) {
      const ranges = wrapAt(size);
      if (ranges.length <= n) {
        chosen = { size, ranges };
        break search;
      }
    }
  }
  for (let size = minSize - 0.5; !chosen; size -= 0.5) {
    const ranges = wrapAt(size);
    if (ranges.length <= maxLines || size <= 4) chosen = { size, ranges };
  }
  const { size } = chosen;
  const lines = chosen.ranges.map(([s, e]): Line => {
    const runs = measureRuns(doc, lineRuns(p, s, e), weight, size);
    const faces = runs.length ? runs.map((r) => load(r.face, weight)) : [load("latin", weight)];
    const ascent = Math.max(...faces.map((f) => f.ascent)) * size;
    const descent = Math.max(...faces.map((f) => f.descent)) * size;
    return { runs, width: runs.reduce((sum, r) => sum + r.width, 0), ascent, descent, advance: Math.max(1.2 * size, ascent + descent) };
  });
  return { size, lines, weight, height: lines.reduce((sum, l) => sum + l.advance, 0) };
}

// pdfkit's private font object: the Unicode text of each glyph, written as the ToUnicode map.
interface PdfkitFont {
  unicode?: (number[] | undefined)[];
}
const turned = new WeakMap<PdfkitFont, Set<number>>();

/**
 * Text extraction (poppler, pdf.js, copy and paste) reads right-to-left glyphs by their places and
 * turns each line round; a ligature standing for several letters (lam-alef, the word Allah) then
 * comes out backwards unless its Unicode text is stored in drawing order. So for a right-to-left
 * run, the letters of each ligature are stored reversed (once per glyph).
 */
function storeLigaturesInDrawingOrder(doc: PDFKit.PDFDocument) {
  const font = (doc as unknown as { _font?: PdfkitFont })._font;
  if (!font?.unicode) return;
  let done = turned.get(font);
  if (!done) turned.set(font, (done = new Set()));
  font.unicode.forEach((cps, gid) => {
    if (!cps || cps.length < 2 || done.has(gid) || !hasRtl(String.fromCodePoint(...cps))) return;
    font.unicode![gid] = [...cps].reverse();
    done.add(gid);
  });
}

/**
 * Draws a block laid out by `layoutText` with its top at `y`; returns the boxes of its lines. Each
 * run is set on the line's baseline in its own font. A right-to-left run is drawn word by word in
 * reading order, each word to the left of the one before: the page looks the same, and text
 * extraction then reads the words in their order (a single run comes out with its words reversed).
 */
export function drawText(doc: PDFKit.PDFDocument, block: TextBlock, x: number, y: number, width: number, align: "left" | "center" = "center") {
  const boxes: { x: number; y: number; width: number; height: number }[] = [];
  let top = y;
  for (const line of block.lines) {
    const baseline = top + (line.advance - line.ascent - line.descent) / 2 + line.ascent;
    let cx = align === "center" ? x + (width - line.width) / 2 : x;
    boxes.push({ x: cx, y: top, width: line.width, height: line.advance });
    for (const run of line.runs) {
      useFace(doc, run.face, block.weight, block.size);
      // A right-to-left run of punctuation alone comes already turned round (lineRuns).
      if (!run.rtl || !hasRtl(run.text)) doc.text(run.text, cx, baseline, { baseline: "alphabetic", lineBreak: false });
      else {
        let right = cx + run.width;
        for (const word of run.text.split(/(?<= )/)) {
          right -= doc.widthOfString(word);
          doc.text(word, right, baseline, { baseline: "alphabetic", lineBreak: false });
        }
        storeLigaturesInDrawingOrder(doc);
      }
      cx += run.width;
    }
    top += line.advance;
  }
  return boxes;
}

// Every line of the certificate goes through layoutText (a face per script, bidi order), so it is
// written in any interface language. The donor summary is still drawn line by line with the Latin
// faces, which neither have Chinese glyphs nor order right-to-left text: for the Arabic and Chinese
// interfaces it stays in English (decision 033) until its text goes through layoutText too.
const SUMMARY_LANGUAGES = ["en", "fr", "es", "ru"];

/** The language (and translator) a PDF of this kind is written in for an interface in `lang`. */
export function pdfLanguage(lang: string, t: T, kind: "certificate" | "summary"): { lang: string; t: T } {
  return kind === "certificate" || SUMMARY_LANGUAGES.includes(lang) ? { lang, t } : { lang: "en", t: makeT(en, "en") };
}
