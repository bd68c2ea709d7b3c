import { useT } from "./i18n";

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const t = useT();
  const text = label ?? t("course.progress", { percent });
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={text}>
        {percent}%
      </progress>
      <span>{text}</span>
    </div>
  );
}
