import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { formatProblem } from "~/content/types";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "health.title") }];

/** The problems the content check found in the live catalogue (the same lines as the command prints). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "course.viewDraft");
  const { catalog, warnings, reloadErrors } = runtime();
  return json({
    problems: [...reloadErrors, ...warnings].map(formatProblem),
    courses: catalog.courses.length,
    lessons: catalog.courses.reduce((n, c) => n + c.lessons.length, 0),
    questions: catalog.courses.reduce((n, c) => n + c.quizzes.reduce((m, q) => m + q.questions.length, 0), 0),
    loadedAt: catalog.loadedAt,
  });
}

export default function Health() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("health.title")}</h1>
      <p className="hint">{t("health.intro")}</p>
      <p>{t("health.loaded", { courses: d.courses, lessons: d.lessons, questions: d.questions, date: new Date(d.loadedAt).toLocaleString(lang, { timeZone: "UTC" }) })}</p>
      {d.problems.length === 0 ? (
        <p className="alert alert-ok">{t("health.none")}</p>
      ) : (
        <pre className="problems">{d.problems.join("\n")}</pre>
      )}
    </>
  );
}
