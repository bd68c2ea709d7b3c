import type { BreakdownRow } from "~/reports/completion";
import { breakdownView } from "~/reports/summary-view";
import { FunnelChart } from "./funnel-chart";
import { useId } from "react";
import { useT } from "./i18n";
import { DataTable } from "./data-table";

/**
 * One breakdown (by country, organisation type or gender) under its own heading: a bar chart of
 * completions, saying what it counts, then the full table.
 */
export function BreakdownTable({ caption, rows, label }: { caption: string; rows: BreakdownRow[]; label: (v: string) => string }) {
  const t = useT();
  const view = breakdownView(rows, label, t);
  const chart = t("report.chartCompleted", { group: caption.toLocaleLowerCase() });
  const heading = useId();
  return (
    <section className="breakdown">
      <h2 id={heading}>{caption}</h2>
      <figure className="chart-figure">
        <FunnelChart bars={view.rows.slice(0, 12).map((b) => ({ label: b.name, value: b.completed }))} label={chart} />
        <figcaption className="hint">{chart}</figcaption>
      </figure>
      <DataTable labelledBy={heading} caption={<caption className="visually-hidden">{caption}</caption>} columns={view.header}>
        {view.rows.map((b, i) => (
          <tr key={i}>
            <th scope="row">{b.name}</th>
            {b.cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
