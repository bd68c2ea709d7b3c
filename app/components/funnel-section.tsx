import type { Summary } from "~/reports/completion";
import { funnelView } from "~/reports/summary-view";
import { FunnelChart } from "./funnel-chart";
import { useId } from "react";
import { useT } from "./i18n";
import { DataTable } from "./data-table";

/** The completion funnel as an SVG chart and a table with the same numbers, then the score figures. */
export function FunnelSection({ summary, modules }: { summary: Summary; modules: { id: string; title: string }[] }) {
  const t = useT();
  const { stages, stats } = funnelView(summary, modules, t);
  const heading = useId();
  return (
    <section>
      <h2 id={heading}>{t("report.funnel")}</h2>
      <figure className="chart-figure">
        <FunnelChart bars={stages} label={t("report.funnelChart")} />
        <figcaption className="hint">{t("report.funnelChart")}</figcaption>
      </figure>
      <DataTable labelledBy={heading} columns={[t("report.stage"), t("report.learners"), t("report.share")]}>
        {stages.map((s) => (
          <tr key={s.label}>
            <th scope="row">{s.label}</th>
            <td>{s.value}</td>
            <td>{s.share}</td>
          </tr>
        ))}
      </DataTable>
      <ul className="stats">
        {stats.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <p className="hint">{t("report.scoreNote")}</p>
      <p className="hint">{t("report.denominators")}</p>
    </section>
  );
}
