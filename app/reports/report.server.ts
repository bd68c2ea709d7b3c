import type { DB } from "@db/index";
import type { Course } from "~/content/types";
import { breakdown, funnelStages, learnerRow, sortRows, summarise, type LearnerRow, type SortKey } from "./completion";
import { EXPORT_BATCH, loadRecords, recordBatches, type ReportFilter } from "./completion.server";
import { BOM, BREAKDOWN_COLUMNS, breakdownFields, csvLine, FUNNEL_COLUMNS, funnelFields, LEARNER_COLUMNS, learnerFields, STANDARD_CSV, type CsvDialect } from "./format";

export const PAGE_SIZE = 50;

export async function completionReport(db: DB, course: Course, f: ReportFilter, sort: SortKey, dir: "asc" | "desc", page: number) {
  const moduleIds = course.modules.map((m) => m.id);
  const records = await loadRecords(db, f);
  const rows = records.map((r) => learnerRow(r, moduleIds));
  const sorted = sortRows(rows, sort, dir);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return {
    summary: summarise(rows, records, moduleIds),
    breakdowns: { country: breakdown(rows, "country"), orgType: breakdown(rows, "orgType"), gender: breakdown(rows, "gender") },
    rows: sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    total: sorted.length,
    page: current,
    pages,
  };
}

/**
 * The per-learner CSV as a stream: one batch of learners in memory at a time. Rows come in email order
 * (the keyset order), with the same figures and formatting as the report page.
 */
export function learnersCsvStream(db: DB, course: Course, f: ReportFilter, d: CsvDialect = STANDARD_CSV): ReadableStream<Uint8Array> {
  const moduleIds = course.modules.map((m) => m.id);
  const encoder = new TextEncoder();
  const batches = recordBatches(db, f, EXPORT_BATCH);
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(BOM + csvLine([...LEARNER_COLUMNS], d)));
        return;
      }
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((r) => csvLine(learnerFields(learnerRow(r, moduleIds), d), d)).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export async function breakdownCsv(db: DB, course: Course, f: ReportFilter, field: "country" | "orgType" | "gender", d: CsvDialect = STANDARD_CSV): Promise<string> {
  const moduleIds = course.modules.map((m) => m.id);
  const rows: LearnerRow[] = [];
  for await (const batch of recordBatches(db, f)) for (const r of batch) rows.push(learnerRow(r, moduleIds));
  return BOM + csvLine([...BREAKDOWN_COLUMNS], d) + breakdown(rows, field).map((b) => csvLine(breakdownFields(b, d), d)).join("");
}

/** The funnel as a CSV: one line per stage, with the page's numbers and shares. */
export async function funnelCsv(db: DB, course: Course, f: ReportFilter, d: CsvDialect = STANDARD_CSV): Promise<string> {
  const moduleIds = course.modules.map((m) => m.id);
  const records = await loadRecords(db, f);
  const { funnel } = summarise(
    records.map((r) => learnerRow(r, moduleIds)),
    records,
    moduleIds,
  );
  return BOM + csvLine([...FUNNEL_COLUMNS], d) + funnelStages(funnel).map((s) => csvLine(funnelFields(s, funnel, d), d)).join("");
}
