import { newPdf, registerFonts } from "~/lib/pdf-fonts.server";
import type { BreakdownView, FunnelView } from "./summary-view";

export interface SummaryDocument {
  title: string;
  /** "Programme: …": who the figures report to */
  programme: string;
  filters: string;
  funnelHeading: string;
  funnelHeader: [string, string, string];
  funnel: FunnelView;
  /** what the scores and the two denominators mean */
  notes: string[];
  /** what a breakdown's bars count, for the group's caption */
  chartCaption: (group: string) => string;
  breakdowns: { caption: string; view: BreakdownView }[];
  /** "Page {page} of {pages}" with the numbers filled in */
  pageLabel: (page: number, pages: number) => string;
}

const INK = "#1b1f24";
const MUTED = "#4a5560";
const ACCENT = "#0b4f71";
const RULE = "#c9d1d9";

/**
 * The donor summary as a PDF: the page's figures (funnel with bars, scores, breakdowns) laid out for
 * A4 or US Letter, with tables that carry their header onto the next page and numbered pages.
 */
export function summaryPdf(d: SummaryDocument, size: "A4" | "LETTER", lang: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const margin = 50;
    const doc = newPdf({ size, margin, bufferPages: true, info: { Title: d.title }, lang });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    registerFonts(doc);
    const left = margin;
    const width = doc.page.width - 2 * margin;
    const bottom = () => doc.page.height - margin - 20; // room for the page number
    let y = margin;

    const ensure = (h: number, onNewPage?: () => void) => {
      if (y + h <= bottom()) return;
      doc.addPage();
      y = margin;
      onNewPage?.();
    };
    const paragraph = (text: string, font: "body" | "bold", size: number, color = INK, gap = 6) => {
      doc.font(font).fontSize(size);
      const h = doc.heightOfString(text, { width });
      ensure(h);
      doc.fillColor(color).text(text, left, y, { width });
      y += h + gap;
    };
    const rule = () => {
      doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor(RULE).stroke();
    };

    /** A table row: each cell wrapped in its column; numbers right-aligned. Returns the row's height. */
    const row = (cells: string[], widths: number[], font: "body" | "bold", measureOnly = false) => {
      // Headers a size smaller, so that "Completion rate" wraps between words, not inside one.
      doc.font(font).fontSize(font === "bold" ? 7.5 : 9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
      if (measureOnly) return h;
      let x = left;
      cells.forEach((c, i) => {
        doc.fillColor(INK).text(c, x + 3, y + 3, { width: widths[i]! - 6, align: i === 0 ? "left" : "right" });
        x += widths[i]!;
      });
      return h;
    };
    const table = (header: string[], body: string[][], widths: number[]) => {
      const drawHeader = () => {
        const h = row(header, widths, "bold");
        y += h;
        rule();
      };
      ensure(row(header, widths, "bold", true) + row(body[0] ?? header, widths, "body", true));
      drawHeader();
      for (const cells of body) {
        ensure(row(cells, widths, "body", true), drawHeader);
        y += row(cells, widths, "body");
      }
      rule();
      y += 12;
    };

    paragraph(d.title, "bold", 18, ACCENT, 4);
    paragraph(d.programme, "bold", 12, INK, 6);
    paragraph(d.filters, "body", 9, MUTED, 14);

    // The funnel: stage, a bar to scale, the number and its share of those listed.
    paragraph(d.funnelHeading, "bold", 13, INK, 6);
    const max = Math.max(1, ...d.funnel.stages.map((s) => s.value));
    const labelW = width * 0.42;
    const barW = width * 0.3;
    const numW = (width - labelW - barW) / 2;
    doc.font("bold").fontSize(9);
    const head = [d.funnelHeader[0], "", d.funnelHeader[1], d.funnelHeader[2]];
    const widths = [labelW, barW, numW, numW];
    ensure(40);
    y += row(head, widths, "bold");
    rule();
    for (const s of d.funnel.stages) {
      const h = row([s.label, "", String(s.value), s.share], widths, "body", true);
      ensure(h);
      row([s.label, "", String(s.value), s.share], widths, "body");
      doc.rect(left + labelW + 3, y + 4, Math.max(1, ((barW - 6) * s.value) / max), 8).fill(ACCENT);
      y += h;
    }
    rule();
    y += 10;
    for (const s of d.funnel.stats) paragraph(s, "body", 10, INK, 2);
    y += 4;
    for (const note of d.notes) paragraph(note, "body", 8, MUTED, 6);
    y += 8;

    for (const b of d.breakdowns) {
      // The heading, the bars of completions and the table stay together where they fit.
      const bars = b.view.rows.slice(0, 12);
      ensure(60 + bars.length * 14);
      paragraph(b.caption, "bold", 13, INK, 6);
      const most = Math.max(1, ...bars.map((r) => r.completed));
      const nameW = width * 0.28;
      const barMax = width * 0.5;
      for (const r of bars) {
        doc.font("body").fontSize(8.5);
        ensure(14);
        doc.fillColor(INK).text(r.name, left, y + 1, { width: nameW - 6, lineBreak: false, ellipsis: true });
        const w = Math.max(1, (barMax * r.completed) / most);
        doc.rect(left + nameW, y + 2, w, 8).fill(ACCENT);
        doc.fillColor(INK).text(String(r.completed), left + nameW + w + 4, y + 1, { lineBreak: false });
        y += 13;
      }
      y += 2;
      paragraph(d.chartCaption(b.caption), "body", 8, MUTED, 8);
      const first = width * 0.28;
      const rest = (width - first) / (b.view.header.length - 1);
      table(
        b.view.header,
        b.view.rows.map((r) => [r.name, ...r.cells]),
        [first, ...b.view.header.slice(1).map(() => rest)],
      );
    }

    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const label = d.pageLabel(i + 1, range.count);
      // Writing below the bottom margin would make pdfkit open a new page; lift the margin first.
      doc.page.margins.bottom = 0;
      doc.font("body").fontSize(8).fillColor(MUTED).text(`${d.title} · ${label}`, left, doc.page.height - margin, { width, align: "center", lineBreak: false });
    }
    doc.end();
  });
}
