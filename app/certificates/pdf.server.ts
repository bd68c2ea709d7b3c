import PDFDocument from "pdfkit";
import { registerFonts } from "~/lib/pdf-fonts.server";

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
  url: string;
  revoked: string | null;
}

/** A one-page landscape certificate, laid out to fit A4 and US Letter alike. */
export function certificatePdf(text: CertificateText, size: "A4" | "LETTER", lang: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size, layout: "landscape", margin: 56, info: { Title: `${text.heading} — ${text.course}`, Author: text.programme }, lang });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    registerFonts(doc);
    const { width, height } = doc.page;
    const inner = width - 112;
    doc.lineWidth(3).strokeColor("#0b4f71").rect(28, 28, width - 56, height - 56).stroke();
    doc.lineWidth(1).rect(36, 36, width - 72, height - 72).stroke();
    doc.fillColor("#0b4f71").font("bold").fontSize(30).text(text.heading, 56, 90, { width: inner, align: "center" });
    doc.fillColor("#1b1f24").font("body").fontSize(14).text(text.certifies, 56, 150, { width: inner, align: "center" });
    doc.font("bold").fontSize(26).text(text.name, 56, 178, { width: inner, align: "center" });
    doc.font("body").fontSize(14).text(text.completed, 56, 228, { width: inner, align: "center" });
    doc.font("bold").fontSize(20).text(text.course, 76, 254, { width: inner - 40, align: "center" });
    doc.font("body").fontSize(13).text(`${text.hours}  ·  ${text.issued}`, 56, 330, { width: inner, align: "center" });
    doc.text(text.programme, 56, 352, { width: inner, align: "center" });
    doc.fontSize(10).fillColor("#4a5560").text(`${text.verify} ${text.url}`, 56, height - 100, { width: inner, align: "center", link: text.url });
    if (text.revoked) doc.fillColor("#a1261b").font("bold").fontSize(22).text(text.revoked, 56, 40 + 8, { width: inner, align: "center" });
    doc.end();
  });
}
