import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CohortForm, createCohortFor, listCohorts } from "~/cohorts/cohorts.server";
import { visibleCourses } from "~/content/catalog.server";
import { courseText, pick } from "~/content/localize";
import { CohortFields } from "~/components/cohort-fields";
import { ErrorSummary } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "cohort.list.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang, can } = await permittedPage(args, "cohorts.manage");
  return json({
    cohorts: await listCohorts(rt.db, user),
    courses: visibleCourses(rt.catalog, can("course.viewDraft")).map((c) => ({ id: c.id, title: pick(c.title, courseText(c, lang).lang) })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, can } = await permittedPage(args, "cohorts.manage");
  const sent = await readSubmission(args.request, CohortForm, { keep: ["name", "programme", "starts_on", "ends_on"] });
  const values = (errors: FieldErrors) => json({ errors, values: sent.ok ? {} : sent.values, courses: sent.form.getAll("courses").map(String) }, { status: 400 });
  if (!sent.ok) return values(sent.errors);
  const created = await createCohortFor(rt.db, user, sent.data, new Set(visibleCourses(rt.catalog, can("course.viewDraft")).map((c) => c.id)));
  if (!created.ok) return values(created.errors);
  return redirect(paths.cohort(created.id));
}

export default function Cohorts() {
  const { cohorts, courses } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const chosen = new Set(data?.courses ?? []);
  return (
    <>
      <h1>{t("cohort.list.title")}</h1>
      {cohorts.length === 0 ? <p>{t("cohort.list.empty")}</p> : null}
      <ul className="cards">
        {cohorts.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={paths.cohort(c.id)}>{c.name}</Link>
            </h2>
            <p className="meta">{t("cohort.list.row", { programme: c.programme, start: c.starts_on, end: c.ends_on, count: c.participants })}</p>
          </li>
        ))}
      </ul>
      <section className="narrow">
        <h2>{t("cohort.create.title")}</h2>
        <ErrorSummary show={!!data} />
        <Form method="post" noValidate>
          <CohortFields values={values} errors={errors} courses={courses} chosen={chosen} />
          <button type="submit" className="button-primary">
            {t("cohort.create.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
