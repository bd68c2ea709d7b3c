import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { readForm } from "~/lib/request.server";
import { runtime } from "~/runtime.server";
import { assignInstructor, instructorsByCourse, removeInstructor, StaffForm } from "~/teaching/staff.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.courses.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  const { db, catalog } = runtime();
  const staff = await instructorsByCourse(db);
  return json({
    courses: catalog.courses.map((c) => ({
      id: c.id,
      title: pick(c.title, c.baseLanguage),
      draft: c.status === "draft",
      instructors: staff.get(c.id) ?? [],
    })),
  });
}

type Result = { ok: boolean; courseId?: string; message: MessageKey };

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "users.manage");
  const parsed = StaffForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json<Result>({ ok: false, message: (parsed.error.issues[0]?.message ?? "form.errorSummary") as MessageKey }, { status: 400 });
  const { db, catalog } = runtime();
  const input = parsed.data;
  if (!catalog.byId.has(input.courseId)) throw new Response("Not found", { status: 404 });
  if (input.intent === "remove") {
    if (!(await removeInstructor(db, input.courseId, input.userId))) throw new Response("Not found", { status: 404 });
    return json<Result>({ ok: true, courseId: input.courseId, message: "admin.courses.removed" });
  }
  const r = await assignInstructor(db, input.courseId, input.email);
  if (!r.ok)
    return json<Result>(
      { ok: false, courseId: input.courseId, message: r.reason === "no_user" ? "admin.courses.error.noUser" : "admin.courses.error.notInstructor" },
      { status: 400 },
    );
  return json<Result>({ ok: true, courseId: input.courseId, message: r.already ? "admin.courses.already" : "admin.courses.assigned" });
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
