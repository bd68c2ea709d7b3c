import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { pick } from "~/content/localize";
import { BreakdownTable } from "~/components/breakdown-table";
import { FunnelSection } from "~/components/funnel-section";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { countryName } from "~/profile/countries";
import { filterParams, reportContext } from "~/reports/filters.server";
import { completionReport } from "~/reports/report.server";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "report.summaryLink", data?.cohort.name) }];

/** A one-page summary for donors: the same figures as the report, without the per-learner table. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const { db } = runtime();
  const { cohort, course, query, filter } = await reportContext(db, actor, params.cohortId, new URL(request.url));
  const { summary, breakdowns } = await completionReport(db, course, filter, "name", "asc", 1);
  return json({
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme },
    course: { title: pick(course.title, course.baseLanguage), modules: course.modules.map((m) => ({ id: m.id, title: pick(m.title, course.baseLanguage) })) },
    query,
    back: `/manage/cohorts/${cohort.id}/report?${filterParams(query, course.id)}`,
    summary,
    breakdowns,
    generatedAt: Date.now(),
  });
}

export default function DonorSummary() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const any = t("report.any");
  return (
    <article className="report summary">
      <p className="breadcrumbs">
        <Link to={d.back}>{t("report.title", { cohort: d.cohort.name })}</Link>
      </p>
      <h1>{t("report.summaryTitle", { cohort: d.query.scope === "programme" ? d.cohort.programme : d.cohort.name })}</h1>
      <p className="meta">
        {t("report.summaryFilters", {
          course: d.course.title,
          scope: d.query.scope === "programme" ? t("report.scope.programme", { programme: d.cohort.programme }) : t("report.scope.cohort"),
          country: d.query.country ? countryName(d.query.country, lang) : any,
          from: d.query.from ?? any,
          to: d.query.to ?? any,
          date: new Date(d.generatedAt).toISOString().slice(0, 10),
        })}
      </p>
      <p className="hint no-print">{t("report.printNow")}</p>
      <FunnelSection summary={d.summary} modules={d.course.modules} />
      <BreakdownTable caption={t("report.byCountry")} rows={d.breakdowns.country} label={(v) => countryName(v, lang)} />
      <BreakdownTable caption={t("report.byOrgType")} rows={d.breakdowns.orgType} label={(v) => t(`orgType.${v}` as MessageKey)} />
      <BreakdownTable caption={t("report.byGender")} rows={d.breakdowns.gender} label={(v) => t(`gender.${v}` as MessageKey)} />
    </article>
  );
}
