import { createRequire } from "node:module";
import { drawText, layoutText, newPdf, registerFonts, type TextBlock, type TextStyle } from "~/lib/pdf-fonts.server";

// Required on the first certificate, like pdfkit (decision 039).
const require = createRequire(import.meta.url);

export interface CertificateText {
  heading: string;
  certifies: string;
  name: string;
  completed: string;
  course: string;
  hours: string;
  issued: string;
  programme: string;
  verify: string;
  /** the public verification page, printed and encoded in the QR code */
  url: string;
  revoked: string | null;
}

const ACCENT = "#0b4f71";
const INK = "#1b1f24";
const MUTED = "#4a5560";

/** The QR code of `url` as filled squares (vectors: sharp at any print size), `size` points wide. */
function qrCode(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const { modules } = (require("qrcode") as typeof import("qrcode")).create(url, { errorCorrectionLevel: "M" });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per horizontal stretch of dark modules keeps the page small.
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fillColor(INK).fill();
  doc.link(x, y, size, size, url);
}

/**
 * A one-page landscape certificate, laid out to fit A4 and US Letter alike. The text flows down the
 * page, each block as tall as its lines, so a long name or course title that shrinks or wraps pushes
 * what follows down instead of printing over it; the QR code to the verification page sits in the
 * bottom corner, clear of the text.
 */
export function certificatePdf(text: CertificateText, size: "A4" | "LETTER", lang: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = newPdf({ size, layout: "landscape", margin: 56, info: { Title: `${text.heading} — ${text.course}`, Author: text.programme }, lang });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      registerFonts(doc);
      const { width, height } = doc.page;
      const left = 56;
      const inner = width - 2 * left;
      doc.lineWidth(3).strokeColor(ACCENT).rect(28, 28, width - 56, height - 56).stroke();
      doc.lineWidth(1).rect(36, 36, width - 72, height - 72).stroke();

      // The bottom band: the verification address on the left, the QR code on the right.
      const qr = 76;
      const qrX = width - left - qr + 8;
      const qrY = height - 48 - qr;
      qrCode(doc, text.url, qrX, qrY, qr);
      const verifyWidth = qrX - 16 - left;
      doc.fillColor(MUTED);
      const verify = layoutText(doc, text.verify, verifyWidth, { weight: "body", size: 10, minSize: 8, maxLines: 2 });
      const url = layoutText(doc, text.url, verifyWidth, { weight: "body", size: 10, minSize: 7 });
      const bandTop = qrY + qr - verify.height - url.height;
      drawText(doc, verify, left, bandTop, verifyWidth, "left");
      for (const box of drawText(doc, url, left, bandTop + verify.height, verifyWidth, "left")) doc.link(box.x, box.y, box.width, box.height, text.url);

      if (text.revoked) {
        doc.fillColor("#a1261b");
        drawText(doc, layoutText(doc, text.revoked, inner, { weight: "bold", size: 22, minSize: 12 }), left, 44, inner);
      }

      // Laid out first, drawn second: the blocks are centred in the space above the QR code.
      const blocks: { laid: TextBlock; color: string; gap: number; indent: number }[] = [];
      const block = (value: string, style: TextStyle, color: string, gap: number, indent = 0) =>
        blocks.push({ laid: layoutText(doc, value, inner - 2 * indent, style), color, gap, indent });
      block(text.heading, { weight: "bold", size: 30, minSize: 20, maxLines: 2 }, ACCENT, 18);
      block(text.certifies, { weight: "body", size: 14, minSize: 10, maxLines: 2 }, INK, 8);
      block(text.name, { weight: "bold", size: 26, minSize: 18, maxLines: 2 }, INK, 10);
      block(text.completed, { weight: "body", size: 14, minSize: 10, maxLines: 2 }, INK, 8);
      block(text.course, { weight: "bold", size: 20, minSize: 14, maxLines: 3 }, INK, 22, 20);
      block(`${text.hours}  ·  ${text.issued}`, { weight: "body", size: 13, minSize: 9, maxLines: 2 }, INK, 6);
      block(text.programme, { weight: "body", size: 13, minSize: 9, maxLines: 2 }, INK, 0);
      const top = text.revoked ? 80 : 64;
      const total = blocks.reduce((sum, b) => sum + b.laid.height + b.gap, 0);
      let y = top + Math.max(0, (qrY - 12 - top - total) / 2);
      for (const b of blocks) {
        doc.fillColor(b.color);
        drawText(doc, b.laid, left + b.indent, y, inner - 2 * b.indent);
        y += b.laid.height + b.gap;
      }
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}
