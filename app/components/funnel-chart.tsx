import { directionOf } from "~/i18n";
import { useLang } from "./i18n";

/**
 * A horizontal bar chart drawn on the server as SVG; the numbers are also in the table beside it.
 * Each bar has its label on a line of its own above it, so a long label (a module's title) never
 * runs into the bar, whatever the width the chart is shown at.
 */
export function FunnelChart({ bars, label }: { bars: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 40;
  const width = 600;
  // Room at the end of the longest bar for its number.
  const barSpace = width - 60;
  // SVG text inherits the page's direction, so in Arabic a label anchored at x=0 would run off the
  // left edge: mirror the chart instead, labels and bars starting on the right.
  const rtl = directionOf(useLang()) === "rtl";
  const at = (x: number, w = 0) => (rtl ? width - x - w : x);
  return (
    <svg viewBox={`0 0 ${width} ${bars.length * row + 4}`} role="img" aria-label={label} className="chart" preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const w = (barSpace * b.value) / max;
        const y = i * row;
        return (
          <g key={i}>
            <title>{`${b.label}: ${b.value}`}</title>
            <text x={at(0)} y={y + 14} fontSize="13" fill="#1b1f24">
              {b.label.length > 80 ? `${b.label.slice(0, 79)}…` : b.label}
            </text>
            <rect x={at(0, Math.max(w, 1))} y={y + 20} width={Math.max(w, 1)} height={14} fill="#0b4f71" />
            <text x={at(Math.max(w, 1) + 6)} y={y + 32} fontSize="13" fill="#1b1f24">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
