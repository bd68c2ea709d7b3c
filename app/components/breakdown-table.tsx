import type { BreakdownRow } from "~/reports/completion";
import { fmtNumber } from "~/reports/format";
import { FunnelChart } from "./funnel-chart";
import { useT } from "./i18n";

/** One breakdown (by country, organisation type or gender): a bar chart of completions and the full table. */
export function BreakdownTable({ caption, rows, label }: { caption: string; rows: BreakdownRow[]; label: (v: string) => string }) {
  const t = useT();
  const name = (b: BreakdownRow) => (b.value === null ? t("report.notGiven") : label(b.value));
  return (
    <div className="table-wrap">
      <FunnelChart bars={rows.slice(0, 12).map((b) => ({ label: name(b), value: b.completed }))} label={t("report.chartCompleted", { group: caption })} />
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.value")}</th>
            <th scope="col">{t("report.listed")}</th>
            <th scope="col">{t("report.enrolled")}</th>
            <th scope="col">{t("report.started")}</th>
            <th scope="col">{t("report.completed")}</th>
            <th scope="col">{t("report.completionRate")}</th>
            <th scope="col">{t("report.col.averageScore")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.value ?? ""}>
              <th scope="row">{name(b)}</th>
              <td>{b.listed}</td>
              <td>{b.enrolled}</td>
              <td>{b.started}</td>
              <td>{b.completed}</td>
              <td>{b.completionRate === null ? t("report.none") : `${fmtNumber(b.completionRate)}%`}</td>
              <td>{b.averageScore === null ? t("report.none") : fmtNumber(b.averageScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

