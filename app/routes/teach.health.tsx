import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { contentHealth } from "~/content/health.server";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { permittedPage } from "~/lib/guards.server";
import { formatDate } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "health.title") }];

/** The problems the content check found in the live catalogue (the same lines as the command prints). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await permittedPage(args, "content.health");
  return json(contentHealth(rt));
}

export default function Health() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("health.title")}</h1>
      <p className="hint">{t("health.intro")}</p>
      <p>{t("health.loaded", { courses: d.courses, lessons: d.lessons, questions: d.questions, date: formatDate(d.loadedAt, lang, "datetime") })}</p>
      {d.problems.length === 0 ? (
        <p className="alert alert-ok">{t("health.none")}</p>
      ) : (
        <pre className="problems">{d.problems.join("\n")}</pre>
      )}
    </>
  );
}
