import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IntentButton } from "~/components/forms";
import { BackupForm, backupNow, backupsView } from "~/admin/backup.server";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate, formatSize } from "~/i18n";
import { permittedPage } from "~/lib/guards.server";
import { badRequest } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { DataTable } from "~/components/data-table";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.backups.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await permittedPage(args, "backups.manage");
  return json(await backupsView(rt));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "backups.manage");
  if (!(await readSubmission(args.request, BackupForm)).ok) throw badRequest("Unknown action");
  const result = await backupNow(rt, user);
  return json(result, { status: result.ok ? 200 : 500 });
}

export default function AdminBackups() {
  const { dir, backups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("admin.backups.title")}</h1>
      <p className="hint">{t("admin.backups.intro", { dir })}</p>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "alert alert-ok" : "alert alert-error"}>
          {result.ok ? t("admin.backups.done", { file: result.file }) : t("admin.backups.failed")}
        </p>
      ) : null}
      <IntentButton intent="backup" busy={busy}>{t("admin.backups.now")}</IntentButton>
      <h2 id="last-backups">{t("admin.backups.last")}</h2>
      {backups.length === 0 ? (
        <p>{t("admin.backups.none")}</p>
      ) : (
        <DataTable
          labelledBy="last-backups"
          columns={[t("admin.backups.when"), t("admin.backups.file"), t("admin.backups.size"), t("admin.backups.by"), t("admin.backups.check")]}
        >
          {backups.map((b) => (
            <tr key={b.id}>
              <td>{formatDate(b.startedAt, lang, "datetime")}</td>
              <td>
                <code title={b.file}>{b.name}</code>
                {b.onDisk ? null : <span className="badge">{t("admin.backups.gone")}</span>}
              </td>
              <td>{formatSize(b.bytes, lang)}</td>
              <td>{b.by === "command" ? t("admin.backups.byCommand") : (b.userName ?? t("admin.backups.byDeleted"))}</td>
              <td>{b.ok ? t("admin.backups.passed", { tables: b.tables }) : <strong>{t("admin.backups.problem", { detail: b.integrity })}</strong>}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
