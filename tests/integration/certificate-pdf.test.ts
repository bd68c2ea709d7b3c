import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate } from "../../app/certificates/certificates.server";
import { certificatePdf } from "../../app/certificates/pdf.server";
import { ownCertificatePdf } from "../../app/certificates/views.server";
import { en } from "../../app/i18n/en";
import { fr } from "../../app/i18n/fr";
import { ar } from "../../app/i18n/ar";
import { zh } from "../../app/i18n/zh";
import { makeT } from "../../app/i18n";
import type { Runtime } from "../../app/runtime.server";
import { testRuntime } from "../helpers/runtime";

/*
 * Certificates for names in many scripts, rendered to images by poppler (Debian's poppler-utils,
 * installed by .ci/run) and read back three ways: the text (poppler and pdf.js), the boxes of the
 * text lines, and the pixels. PDF_SHOTS_DIR=<folder> keeps the PNGs to look at.
 */

const ORIGIN = "https://learn.example.org";
const NAMES = {
  chinese: { name: "欧阳娜娜", font: "NotoSansHans-Bold" },
  arabic: { name: "محمد بن عبد الله الفلاني", font: "NotoNaskhArabic-Bold" },
  russian: { name: "Дмитрий Сергеевич Ёжиков-Шереметьев", font: "DejaVuSans-Bold" },
  vietnamese: { name: "Nguyễn Thị Phương Thảo", font: "DejaVuSans-Bold" },
  japanese: { name: "山田 さくら", font: "NotoSansJP-Bold" },
  korean: { name: "김서연", font: "NotoSansKR-Bold" },
  long: { name: "Maria Fernanda de los Ángeles Castillo-Villanueva Rodríguez y Sáenz de Santamaría Oyelaran", font: "DejaVuSans-Bold" },
} as const;

const dir = mkdtempSync(path.join(tmpdir(), "certificate-pdf-"));
const shots = process.env.PDF_SHOTS_DIR;

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${tool} is missing: apt-get install poppler-utils (.ci/run does)`);
    throw e;
  }
}

interface Box {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Poppler's text lines with their boxes, in points from the top left. */
function lineBoxes(file: string): Box[] {
  const html = poppler("pdftotext", ["-bbox-layout", file, "-"]);
  return [...html.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(" "),
  }));
}

const DPI = 100;
const px = (pt: number) => Math.round((pt * DPI) / 72);

/** The page as grey pixels (pdftoppm writes a binary PGM). */
function grey(file: string) {
  const base = file.replace(/\.pdf$/, "");
  poppler("pdftoppm", ["-r", String(DPI), "-gray", "-singlefile", file, base]);
  const pgm = readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString("latin1"))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, data: pgm.subarray(header[0].length), at: (x: number, y: number) => pgm[header[0].length + y * width + x]! };
}

const plain = (s: string) => s.replace(/[\u202a-\u202e\u200e\u200f]/g, "").replace(/\s+/g, " ").trim();

async function check(label: string, pdf: Buffer, name: string, font: string, url: string) {
  const file = path.join(dir, `${label}.pdf`);
  writeFileSync(file, pdf);
  if (shots) {
    mkdirSync(shots, { recursive: true });
    poppler("pdftoppm", ["-r", "110", "-png", "-singlefile", file, path.join(dir, label)]);
    copyFileSync(path.join(dir, `${label}.png`), path.join(shots, `${label}.png`));
  }

  // The name is text: poppler and pdf.js read it back (pdf.js leaves out the spaces between
  // right-to-left words, so those are compared without spaces).
  expect(plain(poppler("pdftotext", [file, "-"]))).toContain(name);
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  expect(doc.numPages).toBe(1);
  const { text } = await extractText(doc, { mergePages: true });
  expect(text.replace(/\s+/g, "")).toContain(name.replace(/\s+/g, ""));

  // In the font for its script, embedded as a subset (a name in a font without its glyphs would
  // still extract, as boxes).
  const fonts = poppler("pdffonts", [file]);
  expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${font}\\s+CID (TrueType|Type 0C)\\s+Identity-H\\s+yes yes yes`));

  // No two text lines overlap, and every line is inside the inner border.
  const page = await doc.getPage(1);
  const [, , pageWidth, pageHeight] = page.view as [number, number, number, number];
  const lines = lineBoxes(file);
  // The name's lines are those between "This certifies that" and "has completed the course".
  const above = lines.find((l) => l.text === "This certifies that")!;
  const below = lines.find((l) => l.text === "has completed the course")!;
  const nameLines = lines.filter((l) => l.yMin >= above.yMax && l.yMax <= below.yMin);
  for (const [i, a] of lines.entries()) {
    expect(a.xMin).toBeGreaterThan(36);
    expect(a.xMax).toBeLessThan(pageWidth - 36);
    expect(a.yMax).toBeLessThan(pageHeight - 36);
    for (const b of lines.slice(i + 1)) {
      const apart = a.xMax <= b.xMin || b.xMax <= a.xMin || a.yMax <= b.yMin + 0.5 || b.yMax <= a.yMin + 0.5;
      expect(apart, `"${a.text}" overlaps "${b.text}"`).toBe(true);
    }
  }

  // And on the rendered page the ink of each line stays clear of the next: between the middles of
  // two lines one above the other there is a row of white pixels across both.
  const img = grey(file);
  const sorted = [...lines].sort((a, b) => a.yMin - b.yMin);
  for (const [i, a] of sorted.entries()) {
    const b = sorted.slice(i + 1).find((l) => l.xMin < a.xMax && a.xMin < l.xMax);
    if (!b) continue;
    const [x0, x1] = [px(Math.min(a.xMin, b.xMin)), px(Math.max(a.xMax, b.xMax))];
    let clear = false;
    for (let y = px((a.yMin + a.yMax) / 2); y <= px((b.yMin + b.yMax) / 2) && !clear; y++) {
      let white = true;
      for (let x = x0; x <= x1 && white; x++) white = img.at(x, y) > 200;
      clear = white;
    }
    expect(clear, `the ink of "${a.text}" touches "${b.text}"`).toBe(true);
  }

  // The QR code on the page opens the verification page, clear of the text.
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  img.data.forEach((v, k) => rgba.set([v, v, v, 255], k * 4));
  const qr = jsQR(rgba, img.width, img.height);
  expect(qr?.data).toBe(url);
  const corners = [qr!.location.topLeftCorner, qr!.location.bottomRightCorner].map((c) => ({ x: (c.x * 72) / DPI, y: (c.y * 72) / DPI }));
  for (const l of lines) expect(l.xMax < corners[0]!.x || l.yMax < corners[0]!.y, `"${l.text}" runs into the QR code`).toBe(true);
  return { lines, nameLines, items: (await page.getTextContent()).items as { str: string; height: number }[] };
}

// Rendering and reading back a page takes a second or two on a busy machine.
describe("the certificate PDF", { timeout: 60_000 }, () => {
  let rt: Runtime;
  beforeAll(async () => {
    ({ rt } = await testRuntime());
  });

  async function certificateOf(name: string, lang = "en") {
    const made = await createUser(rt.db, { name, email: `${Math.random().toString(36).slice(2)}@example.org`, password: "a long enough password", locale: "en" }, 10);
    if (!made.ok) throw new Error(made.reason);
    const course = rt.catalog.courses.find((c) => c.certificate && c.hours === 1)!;
    const cert = (await issueCertificate(rt.db, made.user.id, course))!;
    const t = makeT(({ fr, ar, zh } as Record<string, typeof en>)[lang] ?? en, lang);
    const found = (await ownCertificatePdf(rt, made.user.id, cert.code, lang, t, ORIGIN, "A4"))!;
    return { pdf: found.pdf, url: `${ORIGIN}/verify/${cert.code}`, hours: cert.hours };
  }

  for (const [label, { name, font }] of Object.entries(NAMES)) {
    it(`prints a ${label} name as text, in its font, clear of the next line, with a QR code`, async () => {
      const { pdf, url } = await certificateOf(name);
      const { nameLines, items } = await check(label, pdf, name, font, url);
      if (label === "long") {
        // 90 characters: wrapped onto two lines at a size still larger than the text around it.
        expect([...name]).toHaveLength(90);
        expect(nameLines).toHaveLength(2);
        const nameItem = items.find((it) => it.str && name.startsWith(it.str.trim()) && it.str.trim().length > 10)!;
        expect(nameItem.height).toBeGreaterThanOrEqual(18);
      } else expect(nameLines).toHaveLength(1);
    });
  }

  it("keeps a long name and a long course title apart on US Letter too", async () => {
    const t = makeT(en, "en");
    const url = `${ORIGIN}/verify/ABCDEFGHJKLMNPQR`;
    const pdf = await certificatePdf(
      {
        heading: t("cert.heading"),
        certifies: t("cert.certifies"),
        name: NAMES.long.name,
        completed: t("cert.completed"),
        course: "Confidence-building measures in cyberspace: from the 2015 report of the Group of Governmental Experts to the Open-Ended Working Group and the Programme of Action",
        hours: t("cert.hours", { hours: 12 }),
        issued: t("cert.issued", { date: "1 March 2026" }),
        programme: t("cert.programme", { programme: "Cyber Diplomacy Learning" }),
        verify: t("cert.verifyAt"),
        url,
        revoked: t("cert.revokedStamp"),
      },
      "LETTER",
      "en",
    );
    const { lines } = await check("long-letter", pdf, NAMES.long.name, NAMES.long.font, url);
    expect(lines.some((l) => l.text === "REVOKED")).toBe(true);
  });

  for (const [lang, font] of [["ar", "NotoNaskhArabic"], ["zh", "NotoSansHans"]] as const) {
    it(`writes the whole certificate in ${lang === "ar" ? "Arabic" : "Chinese"} for that interface, in its script's font`, async () => {
      const { pdf, url } = await certificateOf(lang === "ar" ? "أمينة الحسيني" : "王小梅", lang);
      const file = path.join(dir, `interface-${lang}.pdf`);
      writeFileSync(file, pdf);
      const text = plain(poppler("pdftotext", [file, "-"]));
      const t = makeT(lang === "ar" ? ar : zh, lang);
      // (Poppler reads a line that mixes Arabic with a slash, "قد أتمّ/أتمّت الدورة", out of order, though
      // it is drawn in order: the lines compared here have no such neutral characters between words.)
      for (const line of [t("cert.heading"), t("cert.certifies"), t("cert.hours", { hours: 1 }), t("cert.verifyAt")]) expect(text, line).toContain(plain(line));
      expect(poppler("pdffonts", [file])).toMatch(new RegExp(`[A-Z]{6}\\+${font}`));
      expect(text).toContain(url);
    });
  }

  it("says 1 hour, not 1 hours, through the plural rules of the language", async () => {
    const english = await certificateOf("Test Learner");
    expect(english.hours).toBe(1);
    const text = async (pdf: Buffer) => plain((await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text);
    expect(await text(english.pdf)).toContain("1 hour of study");
    expect(await text(english.pdf)).not.toContain("1 hours");
    expect(await text((await certificateOf("Test Learner", "fr")).pdf)).toContain("1 heure de formation");
    expect(makeT(en, "en")("cert.hours", { hours: 2 })).toBe("2 hours of study");
  });
});
