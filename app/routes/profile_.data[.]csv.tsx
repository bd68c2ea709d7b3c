import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonalData } from "~/accounts/export.server";
import { learnerPage } from "~/lib/guards.server";
import { csvFile } from "~/lib/responses";

/** Everything the platform holds about the signed-in person, as one CSV table; the export is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const { body, filename } = await exportPersonalData(rt.db, user, "csv");
  return csvFile(body, filename);
}
