import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortForm, cohortEditView, updateCohort } from "~/cohorts/cohorts.server";
import { visibleCourses } from "~/content/catalog.server";
import { CohortFields } from "~/components/cohort-fields";
import { ErrorSummary } from "~/components/forms";
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
        <CohortFields values={values} errors={errors} courses={d.courses} chosen={chosen} hint="cohort.edit.coursesHelp" />
        <button type="submit" className="button-primary">
          {t("cohort.edit.submit")}
        </button>
      </Form>
    </section>
  );
}
