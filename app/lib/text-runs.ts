import bidiFactory from "bidi-js";

/**
 * Text in any script laid out for a PDF, as plain functions: which font face each character needs,
 * where a line may break, and the left-to-right order of the pieces of a line (the Unicode
 * bidirectional algorithm, from bidi-js). The PDF side (app/lib/pdf-fonts.server.ts) measures and
 * draws; decision 028 says why it is done this way.
 */

export const FACES = ["latin", "arabic", "sc", "jp", "kr"] as const;
export type Face = (typeof FACES)[number];

const bidi = bidiFactory();

type Want = Face | "han" | "mark" | null;

const inRange = (cp: number, ranges: readonly (readonly [number, number])[]) => ranges.some(([a, b]) => cp >= a && cp <= b);
const ARABIC = [[0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]] as const;
const HANGUL = [[0x1100, 0x11ff], [0x3130, 0x318f], [0xa960, 0xa97f], [0xac00, 0xd7ff]] as const;
const KANA = [[0x3040, 0x30ff], [0x31f0, 0x31ff], [0xff66, 0xff9f], [0x1b000, 0x1b16f]] as const;
// Ideographs, radicals, CJK punctuation, fullwidth forms: any CJK face has them, in its own style.
const HAN = [[0x2e80, 0x2fdf], [0x3000, 0x303f], [0x3190, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff65], [0xffa0, 0xffef], [0x20000, 0x3ffff]] as const;

/** What a code point asks for: a face by its script, "han" (any CJK face), "mark" (its base's face) or null (neutral). */
function want(cp: number): Want {
  if (inRange(cp, ARABIC)) return "arabic";
  if (inRange(cp, HANGUL)) return "kr";
  if (inRange(cp, KANA)) return "jp";
  if (inRange(cp, HAN)) return "han";
  const ch = String.fromCodePoint(cp);
  if (/\p{M}/u.test(ch) || cp === 0x200d) return "mark";
  if (/\p{L}/u.test(ch)) return "latin";
  return null;
}

/**
 * The CJK face for the ideographs of `text`: Japanese when it has kana, Korean when it has Hangul,
 * else Simplified Chinese. The same ideograph is drawn differently in each, and a Japanese or
 * Korean reader notices the Chinese forms; a name alone is the only hint there is.
 */
export function cjkFaceOf(text: string): "sc" | "jp" | "kr" {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  if (cps.some((cp) => inRange(cp, KANA))) return "jp";
  if (cps.some((cp) => inRange(cp, HANGUL))) return "kr";
  return "sc";
}

export type Covers = (face: Face, cp: number) => boolean;

/**
 * The face of every UTF-16 unit of `text`: the face its script asks for if that face has the glyph,
 * else the first face of the chain that has it. Marks stay with their base; spaces, digits and
 * punctuation join the face before them (or after them) when it has them, so runs stay long.
 */
export function facesOf(text: string, covers: Covers): Face[] {
  const cjk = cjkFaceOf(text);
  const chain: Face[] = [...new Set<Face>(["latin", cjk, "sc", "jp", "kr", "arabic"])];
  const firstCovering = (cp: number, preferred?: Face): Face => {
    if (preferred && covers(preferred, cp)) return preferred;
    return chain.find((f) => covers(f, cp)) ?? preferred ?? "latin";
  };
  const points: { cp: number; units: number; want: Want; face: Face | null }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    points.push({ cp, units: ch.length, want: want(cp), face: null });
  }
  points.forEach((p, i) => {
    if (p.want === "mark") p.face = i > 0 ? points[i - 1]!.face : null;
    else if (p.want) p.face = firstCovering(p.cp, p.want === "han" ? cjk : p.want);
  });
  points.forEach((p, i) => {
    if (p.face) return;
    const before = points.slice(0, i).reverse().find((q) => q.face)?.face;
    const after = points.slice(i + 1).find((q) => q.face)?.face;
    p.face = [before, after].find((f): f is Face => !!f && covers(f, p.cp)) ?? firstCovering(p.cp, before ?? after ?? undefined);
    // A mark after a neutral takes the neutral's face.
    for (let j = i + 1; j < points.length && points[j]!.want === "mark" && !points[j]!.face; j++) points[j]!.face = p.face;
  });
  return points.flatMap((p) => Array<Face>(p.units).fill(p.face!));
}

/** Whether `text` has a right-to-left letter (Arabic, Hebrew and the like). */
export function hasRtl(text: string): boolean {
  return [...text].some((c) => ["R", "AL"].includes(bidi.getBidiCharTypeName(c)));
}

export interface Paragraph {
  text: string;
  faces: Face[];
  levels: ReturnType<typeof bidi.getEmbeddingLevels>;
}

export function paragraph(text: string, covers: Covers): Paragraph {
  return { text, faces: facesOf(text, covers), levels: bidi.getEmbeddingLevels(text, "auto") };
}

/** A piece of a line in one face and one direction, its text in the order a font shapes it. */
export interface Run {
  text: string;
  face: Face;
  rtl: boolean;
}

/**
 * The runs of the line `start`–`end` (UTF-16 indices, end excluded) from left to right. An RTL run
 * keeps its letters in reading order, with brackets mirrored: fontkit shapes Arabic in reading order
 * and turns a right-to-left script round itself. A right-to-left run with no right-to-left letter
 * (punctuation between Arabic words in another font) is turned round here, as fontkit would not.
 */
export function lineRuns(p: Paragraph, start: number, end: number): Run[] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(p.text[s]!)) s++;
  while (e > s && /\s/.test(p.text[e - 1]!)) e--;
  if (s >= e) return [];
  // bidi-js returns the whole string's indices, only this line's turned round.
  const order = bidi.getReorderedIndices(p.text, p.levels, s, e - 1).slice(s, e);
  const mirrored = bidi.getMirroredCharactersMap(p.text, p.levels.levels, s, e - 1);
  const runs: { lo: number; hi: number; face: Face; rtl: boolean }[] = [];
  for (const i of order) {
    const rtl = (p.levels.levels[i]! & 1) === 1;
    const face = p.faces[i]!;
    const last = runs[runs.length - 1];
    if (last && last.face === face && last.rtl === rtl && (rtl ? i === last.lo - 1 : i === last.hi + 1)) {
      if (rtl) last.lo = i;
      else last.hi = i;
    } else runs.push({ lo: i, hi: i, face, rtl });
  }
  return runs.map(({ lo, hi, face, rtl }) => {
    let text = "";
    for (let i = lo; i <= hi; i++) text += mirrored.get(i) ?? p.text[i];
    if (rtl && !hasRtl(text)) text = [...text].reverse().join("");
    return { text, face, rtl };
  });
}

const BREAK_AROUND = /[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3ffff}]/u;

/**
 * Where a line may start (UTF-16 indices, 0 excluded): after spaces and hyphens, and between
 * Chinese or Japanese characters, which are written without spaces.
 */
export function breakPoints(text: string): number[] {
  const points: number[] = [];
  const chars = [...text];
  let index = 0;
  chars.forEach((ch, k) => {
    const next = chars[k + 1];
    index += ch.length;
    if (next === undefined) return;
    const afterSpace = /\s/.test(ch) && !/\s/.test(next);
    const afterHyphen = /[-\u2010\u00ad]/.test(ch) && !/\s/.test(next);
    const cjk = (BREAK_AROUND.test(ch) || BREAK_AROUND.test(next)) && !/\s/.test(next) && !/[\u3001\u3002\uff0c\uff0e\u30fb)\]）」』]/.test(next);
    if (afterSpace || afterHyphen || cjk) points.push(index);
  });
  return points;
}

/**
 * Greedy line filling: the lines of `text` as [start, end) UTF-16 ranges no wider than `width`
 * by `measure`, breaking at `breakPoints`; a word wider than a line is cut between characters.
 */
export function wrapLines(text: string, width: number, measure: (start: number, end: number) => number): [number, number][] {
  const breaks = [...breakPoints(text), text.length];
  const lines: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    let end = -1;
    for (const b of breaks) {
      if (b <= start) continue;
      if (measure(start, b) <= width) end = b;
      else break;
    }
    if (end < 0) {
      // No break point fits: cut the word at the last character (with its marks) that does.
      let cut = start;
      for (const ch of text.slice(start)) {
        const next = cut + ch.length;
        if (cut > start && !/\p{M}/u.test(ch) && measure(start, next) > width) break;
        cut = next;
      }
      end = cut;
    }
    lines.push([start, end]);
    start = end;
  }
  return lines;
}
