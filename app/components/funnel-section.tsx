import type { Summary } from "~/reports/completion";
import { fmtNumber } from "~/reports/format";
import { FunnelChart } from "./funnel-chart";
import { useT } from "./i18n";

/** The completion funnel as an SVG chart and a table with the same numbers, then the score figures. */
export function FunnelSection({ summary, modules }: { summary: Summary; modules: { id: string; title: string }[] }) {
  const t = useT();
  const f = summary.funnel;
  const none = t("report.none");
  const stages = [
    { label: t("report.stage.listed"), value: f.listed },
    { label: t("report.stage.enrolled"), value: f.enrolled },
    { label: t("report.stage.started"), value: f.started },
    ...f.modules.map((m) => ({ label: t("report.stage.module", { title: modules.find((x) => x.id === m.id)?.title ?? m.id }), value: m.completed })),
    { label: t("report.stage.completed"), value: f.completed },
  ];
  const pct = (n: number) => (f.listed ? `${fmtNumber((n / f.listed) * 100)}%` : none);
  return (
      <section>
        <h2>{t("report.funnel")}</h2>
        <FunnelChart bars={stages} label={t("report.funnelChart")} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.stage")}</th>
                <th scope="col">{t("report.learners")}</th>
                <th scope="col">{t("report.share")}</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td>{s.value}</td>
                  <td>{pct(s.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="stats">
          <li>{t("report.averageScore", { value: summary.averageScore === null ? none : fmtNumber(summary.averageScore) })}</li>
          <li>{t("report.medianScore", { value: summary.medianScore === null ? none : fmtNumber(summary.medianScore) })}</li>
          <li>{t("report.medianDays", { value: summary.medianDaysToComplete === null ? none : fmtNumber(summary.medianDaysToComplete) })}</li>
        </ul>
        <p className="hint">{t("report.scoreNote")}</p>
      </section>

  );
}
