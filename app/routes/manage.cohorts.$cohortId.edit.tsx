import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortForm, cohortEditView, updateCohort } from "~/cohorts/cohorts.server";
import { visibleCourses } from "~/content/catalog.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { cohortPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "cohort.edit.title", data?.cohort.name) }];

/** A cohort's name, programme, dates and courses, changed by its manager or an admin. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, cohort, can, lang } = await cohortPage(args);
  return json(await cohortEditView(rt.db, rt.catalog, cohort, new Set(visibleCourses(rt.catalog, can("course.viewDraft")).map((c) => c.id)), lang));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, cohort, user, can } = await cohortPage(args);
  const sent = await readSubmission(args.request, CohortForm, { keep: ["name", "programme", "starts_on", "ends_on"] });
  const values = (errors: FieldErrors) => json({ errors, values: sent.ok ? {} : sent.values, courses: sent.form.getAll("courses").map(String) }, { status: 400 });
  if (!sent.ok) return values(sent.errors);
  const updated = await updateCohort(rt.db, user, cohort, sent.data, new Set(visibleCourses(rt.catalog, can("course.viewDraft")).map((c) => c.id)));
  if (!updated.ok) return values(updated.errors);
  return redirect(paths.cohortPage(cohort.id, "notice=updated"));
}

export default function EditCohort() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string> = data ? data.values : { name: d.cohort.name, programme: d.cohort.programme, starts_on: d.cohort.starts_on, ends_on: d.cohort.ends_on };
  const chosen = new Set(data?.courses ?? d.cohort.courses);
  return (
    <section className="narrow">
      <p className="breadcrumbs">
        <Link to={paths.cohort(d.cohort.id)}>{d.cohort.name}</Link>
      </p>
      <h1>{t("cohort.edit.title")}</h1>
      <ErrorSummary show={!!data} />
      <Form method="post" noValidate>
        <Field name="name" label={t("cohort.name")} defaultValue={values.name} error={errors.name} required />
        <Field name="programme" label={t("cohort.programme")} defaultValue={values.programme} error={errors.programme} required />
        <Field name="starts_on" label={t("cohort.startsOn")} type="date" defaultValue={values.starts_on} error={errors.starts_on} required />
        <Field name="ends_on" label={t("cohort.endsOn")} type="date" defaultValue={values.ends_on} error={errors.ends_on} required />
        <fieldset className={errors.courses ? "field field-error" : "field"} aria-describedby={errors.courses ? "courses-error courses-hint" : "courses-hint"}>
          <legend>{t("cohort.courses")}</legend>
          <p id="courses-hint" className="hint">
            {t("cohort.edit.coursesHelp")}
          </p>
          {errors.courses ? (
            <p id="courses-error" className="error-text">
              {t(errors.courses)}
            </p>
          ) : null}
          {d.courses.map((c) => (
            <label key={c.id} className="choice">
              <input type="checkbox" name="courses" value={c.id} defaultChecked={chosen.has(c.id)} />{" "}
              <span>
                {c.title}
                {c.started ? <span className="meta"> · {t("cohort.edit.started", { count: c.started })}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button-primary">
          {t("cohort.edit.submit")}
        </button>
      </Form>
    </section>
  );
}
