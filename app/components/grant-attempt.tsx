import type { FieldErrors } from "~/lib/forms";
import { useT } from "./i18n";

/** The fields of a "one more attempt" form for one learner's quiz: what they used, and the reason asked for. */
export function GrantAttemptFields({ item, errors, who }: { item: { courseId: string; quizId: string; course: string; quiz: string; used: number; allowed: number }; errors: FieldErrors; who?: string }) {
  const t = useT();
  const id = `reason-${item.courseId}-${item.quizId}`;
  return (
    <>
      <input type="hidden" name="course" value={item.courseId} />
      <input type="hidden" name="quiz" value={item.quizId} />
      <p>
        <strong>{item.quiz}</strong> — {item.course}
        <br />
        {t("grant.used", { used: item.used, allowed: item.allowed })}
      </p>
      <div className={errors.reason ? "field field-error" : "field"}>
        <label htmlFor={id}>{t("grant.reason")}</label>
        {errors.reason ? (
          <p id={`${id}-error`} className="error-text">
            {t(errors.reason)}
          </p>
        ) : null}
        <textarea id={id} name="reason" rows={2} maxLength={500} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${id}-error` : undefined} />
      </div>
      <button type="submit" aria-label={who ? t("grant.submitFor", { name: who, quiz: item.quiz }) : undefined}>
        {t("grant.submit")}
      </button>
    </>
  );
}
