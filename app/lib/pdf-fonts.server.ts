import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// DejaVu covers Latin, Greek and Cyrillic names with their accents; the PDF's built-in fonts do not.
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

/** Registers the fonts every PDF of the platform uses, as "body" and "bold". */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);
}
