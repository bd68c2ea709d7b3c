import { paths } from "~/lib/links";
import { BOM, csvLine, STANDARD_CSV, type CsvDialect } from "~/reports/format";

export const INVITATION_COLUMNS = ["name", "email", "status", "invitation_link"] as const;

/** The manager's mail-merge file: one line per listed person, with their personal link while pending (none once withdrawn). */
export function invitationsCsv(rows: { name: string; email: string; invite_token: string | null; user_id: string | null }[], origin: string, d: CsvDialect = STANDARD_CSV): string {
  return (
    BOM +
    csvLine([...INVITATION_COLUMNS], d) +
    rows
      .map((r) =>
        csvLine([r.name, r.email, r.user_id ? "accepted" : r.invite_token ? "pending" : "withdrawn", r.user_id || !r.invite_token ? "" : origin + paths.invitation(r.invite_token)], d),
      )
      .join("")
  );
}
