import { Field } from "~/components/forms";
import { useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import type { MessageKey } from "~/i18n";

/**
 * A cohort's name, programme, dates and courses: the same fields when a cohort is created and when
 * it is edited. `hint` explains the courses (the edit page says nothing is lost by removing one);
 * `started` counts who began each course.
 */
export function CohortFields(props: {
  values: Record<string, string>;
  errors: FieldErrors;
  courses: { id: string; title: string; started?: number }[];
  chosen: Set<string>;
  hint?: MessageKey;
}) {
  const { values, errors, courses, chosen, hint } = props;
  const t = useT();
  const describedBy = [errors.courses ? "courses-error" : null, hint ? "courses-hint" : null].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <Field name="name" label={t("cohort.name")} defaultValue={values.name} error={errors.name} required />
      <Field name="programme" label={t("cohort.programme")} defaultValue={values.programme} error={errors.programme} required />
      <Field name="starts_on" label={t("cohort.startsOn")} type="date" defaultValue={values.starts_on} error={errors.starts_on} required />
      <Field name="ends_on" label={t("cohort.endsOn")} type="date" defaultValue={values.ends_on} error={errors.ends_on} required />
      <fieldset className={errors.courses ? "field field-error" : "field"} aria-describedby={describedBy}>
        <legend>{t("cohort.courses")}</legend>
        {hint ? (
          <p id="courses-hint" className="hint">
            {t(hint)}
          </p>
        ) : null}
        {errors.courses ? (
          <p id="courses-error" className="error-text">
            {t(errors.courses)}
          </p>
        ) : null}
        {courses.map((c) => (
          <label key={c.id} className="choice">
            <input type="checkbox" name="courses" value={c.id} defaultChecked={chosen.has(c.id)} />{" "}
            <span>
              {c.title}
              {c.started ? <span className="meta"> · {t("cohort.edit.started", { count: c.started })}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
