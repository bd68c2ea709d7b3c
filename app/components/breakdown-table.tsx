import type { BreakdownRow } from "~/reports/completion";
import { breakdownView } from "~/reports/summary-view";
import { FunnelChart } from "./funnel-chart";
import { useT } from "./i18n";

/** One breakdown (by country, organisation type or gender): a bar chart of completions and the full table. */
export function BreakdownTable({ caption, rows, label }: { caption: string; rows: BreakdownRow[]; label: (v: string) => string }) {
  const t = useT();
  const view = breakdownView(rows, label, t);
  return (
    <div className="table-wrap">
      <FunnelChart bars={view.rows.slice(0, 12).map((b) => ({ label: b.name, value: b.completed }))} label={t("report.chartCompleted", { group: caption })} />
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {view.header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((b, i) => (
            <tr key={i}>
              <th scope="row">{b.name}</th>
              {b.cells.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
