import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, AuditQuery } from "~/admin/audit.server";
import { permittedPage } from "~/lib/guards.server";

/** The filtered audit log as a CSV, oldest first. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await permittedPage(args, "audit.read");
  const filter = AuditQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return new Response(await auditCsv(rt.db, filter), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.csv"', "Cache-Control": "no-store" },
  });
}
