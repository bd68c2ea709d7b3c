import { createRequire } from "node:module";
import { en, makeT, type T } from "~/i18n";

const require = createRequire(import.meta.url);
// DejaVu covers Latin, Greek and Cyrillic names with their accents; the PDF's built-in fonts do not.
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

/** Registers the fonts every PDF of the platform uses, as "body" and "bold". */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);
}

// DejaVu has no Chinese glyphs, and pdfkit neither shapes nor reorders right-to-left text: a PDF in
// Arabic or Chinese would print boxes or reversed letters. Until the fonts and a bidi pass are in,
// those interfaces get their PDFs in English (decision 033).
const PDF_LANGUAGES = ["en", "fr", "es", "ru"];

/** The language (and translator) a PDF is written in for an interface in `lang`. */
export function pdfLanguage(lang: string, t: T): { lang: string; t: T } {
  return PDF_LANGUAGES.includes(lang) ? { lang, t } : { lang: "en", t: makeT(en, "en") };
}
