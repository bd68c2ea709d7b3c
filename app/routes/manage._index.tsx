import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { CohortForm, createCohort, listCohorts } from "~/cohorts/cohorts.server";
import { visibleCourses } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import type { FieldErrors } from "~/lib/forms";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "cohort.list.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const lang = await resolveLanguage(request, actor.locale);
  return json({
    cohorts: await listCohorts(runtime().db, actor),
    courses: visibleCourses(actor).map((c) => ({ id: c.id, title: pick(c.title, c.languages.includes(lang) ? lang : c.baseLanguage) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const form = await readForm(request);
  const raw = {
    name: String(form.get("name") ?? ""),
    programme: String(form.get("programme") ?? ""),
    starts_on: String(form.get("starts_on") ?? ""),
    ends_on: String(form.get("ends_on") ?? ""),
    courses: form.getAll("courses").map(String),
  };
  const parsed = CohortForm.safeParse(raw);
  const known = new Set(visibleCourses(actor).map((c) => c.id));
  const errors: FieldErrors = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message as never;
  else if (parsed.data.courses.some((id) => !known.has(id))) errors.courses = "cohort.error.courses";
  if (!parsed.success || Object.keys(errors).length) return json({ errors, values: raw }, { status: 400 });
  const id = await createCohort(runtime().db, actor, parsed.data);
  return redirect(`/manage/cohorts/${id}`);
}

export default function Cohorts() {
  const { cohorts, courses } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors: FieldErrors = data?.errors ?? {};
  const chosen = new Set(data?.values.courses ?? []);
  return (
    <>
      <h1>{t("cohort.list.title")}</h1>
      {cohorts.length === 0 ? <p>{t("cohort.list.empty")}</p> : null}
      <ul className="cards">
        {cohorts.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/manage/cohorts/${c.id}`}>{c.name}</Link>
            </h2>
            <p className="meta">{t("cohort.list.row", { programme: c.programme, start: c.starts_on, end: c.ends_on, count: c.participants })}</p>
          </li>
        ))}
      </ul>
      <section className="narrow">
        <h2>{t("cohort.create.title")}</h2>
        <ErrorSummary show={!!data} />
        <Form method="post" noValidate>
          <Field name="name" label={t("cohort.name")} defaultValue={data?.values.name} error={errors.name} required />
          <Field name="programme" label={t("cohort.programme")} defaultValue={data?.values.programme} error={errors.programme} required />
          <Field name="starts_on" label={t("cohort.startsOn")} type="date" defaultValue={data?.values.starts_on} error={errors.starts_on} required />
          <Field name="ends_on" label={t("cohort.endsOn")} type="date" defaultValue={data?.values.ends_on} error={errors.ends_on} required />
          <fieldset className={errors.courses ? "field field-error" : "field"} aria-describedby={errors.courses ? "courses-error" : undefined}>
            <legend>{t("cohort.courses")}</legend>
            {errors.courses ? (
              <p id="courses-error" className="error-text">
                {t(errors.courses)}
              </p>
            ) : null}
            {courses.map((c) => (
              <label key={c.id} className="choice">
                <input type="checkbox" name="courses" value={c.id} defaultChecked={chosen.has(c.id)} /> {c.title}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button-primary">
            {t("cohort.create.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
