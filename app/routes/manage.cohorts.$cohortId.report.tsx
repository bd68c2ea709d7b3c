import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BreakdownTable } from "~/components/breakdown-table";
import { CsvLink } from "~/components/csv-link";
import { Options, type Choice } from "~/components/forms";
import { FunnelSection } from "~/components/funnel-section";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { cohortPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { countryName, countryOptions } from "~/profile/countries";
import { SORTABLE, STATUS_FILTERS } from "~/reports/completion";
import { GENDERS, ORG_TYPES } from "~/profile/fields";
import { reportView } from "~/reports/views.server";
import { DataTable } from "~/components/data-table";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "report.link", data?.cohort.name) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort, lang } = await cohortPage(args);
  return json(await reportView(rt, user, cohort, new URL(args.request.url), lang));
}

/** One of the report's filters: a labelled choice, first "all" (the empty value) when the filter may be left open. */
function FilterSelect({ label, name, value, all, options }: { label: string; name: string; value: string; all?: string; options: Choice[] }) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value}>
        <Options empty={all} options={options} />
      </select>
    </label>
  );
}

export default function Report() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const link = (extra: Record<string, string>) => {
    const p = new URLSearchParams(d.base);
    p.set("sort", d.query.sort);
    p.set("dir", d.query.dir);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `?${p}`;
  };
  const csv = (kind: string) => paths.cohortReportCsv(d.cohort.id, new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(d.base)), kind }));
  const none = t("report.none");
  return (
    <article className="report">
      <p className="breadcrumbs">
        <Link to={paths.cohort(d.cohort.id)}>{d.cohort.name}</Link>
      </p>
      <h1>{t("report.title", { cohort: d.query.scope === "programme" ? d.cohort.programme : d.cohort.name })}</h1>

      <Form method="get" className="filters">
        <fieldset>
          <legend>{t("report.filters")}</legend>
          <FilterSelect label={t("report.course")} name="course" value={d.course.id} options={d.courses.map((c) => ({ value: c.id, label: c.title }))} />
          <FilterSelect
            label={t("report.scope")}
            name="scope"
            value={d.query.scope}
            options={[
              { value: "cohort", label: t("report.scope.cohort") },
              { value: "programme", label: t("report.scope.programme", { programme: d.cohort.programme }) },
            ]}
          />
          <FilterSelect
            label={t("report.country")}
            name="country"
            value={d.query.country ?? ""}
            all={t("report.allCountries")}
            options={countryOptions(lang).map((c) => ({ value: c.code, label: c.name }))}
          />
          <FilterSelect
            label={t("report.orgType")}
            name="orgType"
            value={d.query.orgType ?? ""}
            all={t("report.allOrgTypes")}
            options={[...ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) })), { value: "not_given", label: t("report.notGiven") }]}
          />
          <FilterSelect
            label={t("report.gender")}
            name="gender"
            value={d.query.gender ?? ""}
            all={t("report.allGenders")}
            options={[...GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) })), { value: "not_given", label: t("report.notGiven") }]}
          />
          <FilterSelect
            label={t("report.status")}
            name="status"
            value={d.query.status ?? ""}
            all={t("report.allStatuses")}
            options={STATUS_FILTERS.map((st) => ({ value: st, label: t(`report.status.${st}`) }))}
          />
          <label>
            {t("report.from")} <input type="date" name="from" defaultValue={d.query.from ?? ""} />
          </label>
          <label>
            {t("report.to")} <input type="date" name="to" defaultValue={d.query.to ?? ""} />
          </label>
          <button type="submit">{t("report.apply")}</button>
        </fieldset>
      </Form>

      <FunnelSection summary={d.summary} modules={d.course.modules} />

      <section>
        <BreakdownTable caption={t("report.byCountry")} rows={d.breakdowns.country} label={(v) => countryName(v, lang)} />
        <BreakdownTable caption={t("report.byOrgType")} rows={d.breakdowns.orgType} label={(v) => t(`orgType.${v}` as MessageKey)} />
        <BreakdownTable caption={t("report.byGender")} rows={d.breakdowns.gender} label={(v) => t(`gender.${v}` as MessageKey)} />
      </section>

      <section>
        <h2>{t("report.download")}</h2>
        <ul className="downloads">
          {(["learners", "funnel", "country", "orgType", "gender"] as const).map((k) => (
            <li key={k}>
              <CsvLink href={csv(k)}>{t(`report.csv.${k}`)}</CsvLink>
            </li>
          ))}
        </ul>
        <p className="hint">{t("report.print")}</p>
        <p>
          <Link to={paths.cohortSummary(d.cohort.id, d.base)}>{t("report.summaryLink")}</Link> ·{" "}
          <Link to={paths.cohortQuestions(d.cohort.id, d.base)}>{t("items.link")}</Link>
        </p>
      </section>

      <section>
        <h2 id="per-learner">{t("report.perLearner", { count: d.total })}</h2>
        <DataTable
          labelledBy="per-learner"
          columns={[
            ...SORTABLE.map((col) => (
              <Link key={col} to={link({ sort: col, dir: d.query.sort === col && d.query.dir === "asc" ? "desc" : "asc", page: "1" })} aria-label={t("report.sortBy", { column: t(`report.col.${col}` as MessageKey) })}>
                {t(`report.col.${col}` as MessageKey)}
                {d.query.sort === col ? (d.query.dir === "asc" ? " ▲" : " ▼") : ""}
              </Link>
            )),
            t("report.col.firstActivity"),
          ]}
          sorted={{ column: SORTABLE.indexOf(d.query.sort), direction: d.query.dir === "asc" ? "ascending" : "descending" }}
        >
          {d.rows.map((r) => (
            <tr key={r.email}>
              <th scope="row">
                {r.name}
                <br />
                <span className="meta">{r.email}</span>
              </th>
              <td>{r.country ? countryName(r.country, lang) : ""}</td>
              <td>
                {t(`report.status.${r.status}`)}
                {r.certified ? <span className="badge badge-ok">{t("report.certifiedMark")}</span> : null}
              </td>
              <td>
                {r.modulesCompleted}/{d.course.modules.length}
              </td>
              <td>{r.averageScore || none}</td>
              <td>{r.attempts}</td>
              <td>{r.lastActivity || none}</td>
              <td>{r.daysToComplete ?? none}</td>
              <td>{r.firstActivity || none}</td>
            </tr>
          ))}
        </DataTable>
        <nav className="pager" aria-label={t("report.page", { page: d.page, pages: d.pages })}>
          {d.page > 1 ? <Link to={link({ page: String(d.page - 1) })}><span className="dir-arrow" aria-hidden="true">←</span> {t("report.previous")}</Link> : <span />}
          <span>{t("report.page", { page: d.page, pages: d.pages })}</span>
          {d.page < d.pages ? <Link to={link({ page: String(d.page + 1) })}>{t("report.next")} <span className="dir-arrow" aria-hidden="true">→</span></Link> : <span />}
        </nav>
      </section>
    </article>
  );
}
