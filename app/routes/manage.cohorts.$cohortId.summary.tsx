import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BreakdownTable } from "~/components/breakdown-table";
import { FunnelSection } from "~/components/funnel-section";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { cohortPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { donorSummary } from "~/reports/summary.server";
import { breakdownViews, summaryHeading } from "~/reports/summary-view";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "report.summaryLink", data?.cohort.name) }];

/** A one-page summary for donors: the same figures as the report, without the per-learner table. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort, lang } = await cohortPage(args);
  return json(await donorSummary(rt, user, cohort, new URL(args.request.url), lang));
}

export default function DonorSummary() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const { title, programme, filters } = summaryHeading({ ...d, course: d.course.title }, t, lang);
  const pdf = paths.cohortSummaryPdf(d.cohort.id, d.params);
  return (
    <article className="report summary">
      <p className="breadcrumbs">
        <Link to={paths.cohortReport(d.cohort.id, d.params)}>{t("report.title", { cohort: d.cohort.name })}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{programme}</p>
      <p className="meta">{filters}</p>
      <p className="hint no-print">
        {t("report.printNow")} {t("report.pdf")}: <a href={pdf} download>A4</a> · <a href={`${pdf}&size=letter`} download>Letter</a>
      </p>
      <FunnelSection summary={d.summary} modules={d.course.modules} />
      {breakdownViews(d.breakdowns, t, lang).map((b) => (
        <BreakdownTable key={b.caption} caption={b.caption} rows={b.rows} label={b.label} />
      ))}
    </article>
  );
}
