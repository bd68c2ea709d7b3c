import { describe, expect, it } from "vitest";
import { breakPoints, cjkFaceOf, type Covers, facesOf, lineRuns, paragraph, wrapLines } from "../../app/lib/text-runs";

// Stand-in coverage: Latin has no CJK or Arabic, the Japanese face lacks 张 (a simplified form),
// the others have every character of their own script and the shared punctuation.
const covers: Covers = (face, cp) => {
  const ch = String.fromCodePoint(cp);
  if (/[\s\p{P}\p{N}]/u.test(ch)) return true;
  if (face === "latin") return /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Hebrew}\p{M}]/u.test(ch);
  if (face === "arabic") return /\p{Script=Arabic}/u.test(ch);
  if (face === "jp") return ch !== "张" && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch);
  if (face === "kr") return /[\p{Script=Han}\p{Script=Hangul}]/u.test(ch);
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch);
};
const faces = (text: string) => [...new Set(facesOf(text, covers))];

describe("text runs for PDFs", () => {
  it("choose the CJK face by the kana or Hangul in the name", () => {
    expect(cjkFaceOf("王秀英")).toBe("sc");
    expect(cjkFaceOf("山田 さくら")).toBe("jp");
    expect(cjkFaceOf("김서연")).toBe("kr");
    expect(faces("王秀英")).toEqual(["sc"]);
    expect(faces("山田 さくら")).toEqual(["jp"]);
  });

  it("fall back along the chain for a character the preferred face lacks, and keep marks with their base", () => {
    expect(facesOf("张さくら", covers)).toEqual(["sc", "jp", "jp", "jp"]);
    expect(faces("Nguyễn Thị")).toEqual(["latin"]);
    // A decomposed accent stays in its letter's face.
    expect(facesOf("e\u0301", covers)).toEqual(["latin", "latin"]);
    expect(faces("Anna 王")).toEqual(["latin", "sc"]);
  });

  it("order an Arabic name with a Latin part from left to right as it is read from right to left", () => {
    const text = "محمد (Mohamed) الفلاني";
    const p = paragraph(text, covers);
    const runs = lineRuns(p, 0, text.length);
    // Read from the right: محمد, then "(Mohamed)" in its own order, then the surname on the left.
    // Right-to-left runs keep reading order (fontkit turns them round) with brackets mirrored; the
    // run of punctuation alone is turned round here.
    expect(runs.map((r) => [r.face, r.rtl, r.text])).toEqual([
      ["arabic", true, "الفلاني"],
      ["latin", true, " ("],
      ["latin", false, "Mohamed"],
      ["arabic", true, "محمد )"],
    ]);
  });

  it("break between words, after hyphens and between Chinese characters", () => {
    expect(breakPoints("Ana Castillo-Villa")).toEqual([4, 13]);
    expect(breakPoints("欧阳娜娜")).toEqual([1, 2, 3]);
    expect(breakPoints("김 서연")).toEqual([2]);
  });

  it("wrap greedily and cut a word longer than a line", () => {
    const text = "aaa bbb ccccccccc";
    const width = (s: number, e: number) => text.slice(s, e).trim().length;
    expect(wrapLines(text, 7, width)).toEqual([
      [0, 8],
      [8, 15],
      [15, 17],
    ]);
    expect(wrapLines("abc", 10, () => 1)).toEqual([[0, 3]]);
  });
});
