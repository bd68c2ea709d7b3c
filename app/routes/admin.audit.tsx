import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AUDIT_ACTIONS, auditPage, AuditQuery } from "~/admin/audit.server";
import { Field, Options } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { CsvLink } from "~/components/csv-link";
import { formatDate } from "~/i18n";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { DataTable } from "~/components/data-table";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "audit.title") }];

/** Who did what to whom and when, filtered and paged, newest first. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await permittedPage(args, "audit.read");
  const url = new URL(args.request.url);
  const filter = AuditQuery.parse(Object.fromEntries(url.searchParams));
  const { page: _page, ...kept } = filter;
  const query = new URLSearchParams(Object.entries(kept).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
  return json({ ...(await auditPage(rt.db, filter)), filter, query, actions: AUDIT_ACTIONS });
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const known = (a: string): a is (typeof d.actions)[number] => (d.actions as readonly string[]).includes(a);
  const pageLink = (page: number) => paths.adminAudit(`${d.query ? `${d.query}&` : ""}page=${page}`);
  return (
    <>
      <h1 id="audit-title">{t("audit.title")}</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="action">{t("audit.action")}</label>
          <select id="action" name="action" defaultValue={d.filter.action ?? ""}>
            <Options empty={t("audit.anyAction")} options={d.actions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))} />
          </select>
        </div>
        <Field name="actor" label={t("audit.actor")} type="search" defaultValue={d.filter.actor ?? ""} />
        <Field name="target" label={t("audit.target")} type="search" defaultValue={d.filter.target ?? ""} />
        <Field name="from" label={t("report.from")} type="date" defaultValue={d.filter.from ?? ""} />
        <Field name="to" label={t("report.to")} type="date" defaultValue={d.filter.to ?? ""} />
        <button type="submit">{t("report.apply")}</button>
      </Form>
      <p>
        {t("audit.count", { count: d.total })} · <CsvLink href={paths.adminAuditCsv(d.query)}>{t("audit.csv")}</CsvLink>
      </p>
      <DataTable labelledBy="audit-title" columns={[t("audit.when"), t("audit.actor"), t("audit.action"), t("audit.target"), t("audit.details")]}>
        {d.entries.map((e) => (
          <tr key={e.id}>
            <td>{formatDate(e.at, lang, "datetime")}</td>
            <td>{e.actor_email}</td>
            <td>
              {known(e.action) ? t(`audit.actions.${e.action}`) : null} <code>{e.action}</code>
            </td>
            <td>{e.target_label}</td>
            <td>
              <code>{JSON.stringify(e.details)}</code>
            </td>
          </tr>
        ))}
      </DataTable>
      <nav className="pager" aria-label={t("audit.title")}>
        {d.page > 1 ? <Link to={pageLink(d.page - 1)}><span className="dir-arrow" aria-hidden="true">←</span> {t("report.previous")}</Link> : <span />}
        <span>{t("report.page", { page: d.page, pages: d.pages })}</span>
        {d.page < d.pages ? <Link to={pageLink(d.page + 1)}>{t("report.next")} <span className="dir-arrow" aria-hidden="true">→</span></Link> : <span />}
      </nav>
    </>
  );
}
