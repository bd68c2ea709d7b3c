import type { CheckId, CheckResult } from "~/certificates/verify.server";
import { useT } from "./i18n";

const MARK: Record<CheckResult, string> = { passed: "✓", failed: "✗", skipped: "–" };

/** Which of a verifier's checks passed, one line each, in words (not only a symbol or a colour). */
export function BadgeChecks({ checks }: { checks: { id: CheckId; result: CheckResult }[] }) {
  const t = useT();
  return (
    <>
      <h2>{t("verify.checks")}</h2>
      <ul className="checks">
        {checks.map((c) => (
          <li key={c.id} className={`check-${c.result}`}>
            <span aria-hidden="true">{MARK[c.result]}</span> {t(`verify.check.${c.id}`)}: <strong>{t(`verify.result.${c.result}`)}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}
