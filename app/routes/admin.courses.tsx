import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { permittedPage } from "~/lib/guards.server";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { changeStaffing, staffing, StaffForm } from "~/teaching/staff.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.courses.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await permittedPage(args, "staff.assign");
  return json({ courses: await staffing(rt.db, rt.catalog) });
}

type Result = { ok: boolean; courseId?: string; message: MessageKey };

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "staff.assign");
  const sent = await readSubmission(args.request, StaffForm);
  if (!sent.ok) return json<Result>({ ok: false, message: Object.values(sent.errors)[0] ?? "form.errorSummary" }, { status: 400 });
  const result = await changeStaffing(rt.db, rt.catalog, user.id, sent.data);
  if (!result) throw notFound();
  return json<Result>(result, { status: result.ok ? 200 : 400 });
}

export default function AdminCourses() {
  const { courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t("admin.courses.title")}</h1>
      <p className="hint">{t("admin.courses.intro")}</p>
      {result && !result.courseId ? (
        <p role="alert" className="alert alert-error">
          {t(result.message)}
        </p>
      ) : null}
      {courses.map((c) => (
        <section key={c.id} aria-labelledby={`course-${c.id}`}>
          <h2 id={`course-${c.id}`}>
            {c.title} {c.draft ? <span className="badge">{t("admin.courses.draft")}</span> : null}
          </h2>
          {result?.courseId === c.id ? (
            <p role={result.ok ? "status" : "alert"} className={result.ok ? "alert alert-ok" : "alert alert-error"}>
              {t(result.message)}
            </p>
          ) : null}
          {c.instructors.length === 0 ? <p>{t("admin.courses.none")}</p> : null}
          <ul className="user-list">
            {c.instructors.map((i) => (
              <li key={i.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="courseId" value={c.id} />
                  <input type="hidden" name="userId" value={i.id} />
                  <span>
                    <strong>{i.name}</strong> &lt;{i.email}&gt;
                  </span>{" "}
                  <button type="submit">{t("admin.courses.remove")}</button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="courseId" value={c.id} />
            <label htmlFor={`email-${c.id}`}>{t("admin.courses.email")}</label>{" "}
            <input id={`email-${c.id}`} name="email" type="email" required maxLength={254} autoComplete="off" />{" "}
            <button type="submit">{t("admin.courses.assign")}</button>
          </Form>
        </section>
      ))}
    </>
  );
}
