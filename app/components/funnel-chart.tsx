import { directionOf } from "~/i18n";
import { useLang } from "./i18n";

/** A horizontal bar chart drawn on the server as SVG; the numbers are also in the table beside it. */
export function FunnelChart({ bars, label }: { bars: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 28;
  const width = 600;
  const labelWidth = 260;
  // SVG text inherits the page's direction, so in Arabic a label anchored at x=0 would run off the
  // left edge: mirror the chart instead, labels on the right and bars growing leftwards.
  const rtl = directionOf(useLang()) === "rtl";
  const at = (x: number, w = 0) => (rtl ? width - x - w : x);
  return (
    <svg viewBox={`0 0 ${width} ${bars.length * row + 8}`} role="img" aria-label={label} className="chart" preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const w = ((width - labelWidth - 60) * b.value) / max;
        const y = i * row + 4;
        return (
          <g key={i}>
            <text x={at(0)} y={y + 17} fontSize="13" fill="#1b1f24">
              {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
            </text>
            <rect x={at(labelWidth, Math.max(w, 1))} y={y + 4} width={Math.max(w, 1)} height={row - 10} fill="#0b4f71" />
            <text x={at(labelWidth + w + 6)} y={y + 17} fontSize="13" fill="#1b1f24">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
