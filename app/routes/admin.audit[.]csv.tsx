import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, AuditQuery } from "~/admin/audit.server";
import { permittedPage } from "~/lib/guards.server";
import { csvFile } from "~/lib/responses";
import { csvFilename, requestedDialect } from "~/reports/format";

/** The filtered audit log as a CSV, oldest first; `format=excel` for the reader's Excel. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, lang } = await permittedPage(args, "audit.read");
  const url = new URL(args.request.url);
  const filter = AuditQuery.parse(Object.fromEntries(url.searchParams));
  const d = requestedDialect(url, lang);
  return csvFile(await auditCsv(rt.db, filter, d), csvFilename("audit-log", d));
}
