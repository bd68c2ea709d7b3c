import type { ChoiceQuality } from "~/content/types";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IntentButton } from "~/components/forms";
import { scenarioOr404 } from "~/content/catalog.server";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import { playScenario, scenarioView } from "~/learning/exercise-pages.server";
import { ScenarioForm } from "~/learning/forms.server";
import { learnerPage } from "~/lib/guards.server";
import { readSubmission } from "~/lib/submission.server";
import { CourseTrail } from "~/components/course-trail";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text } = await learnerPage(args, { course: "courseId", enrolled: true });
  const chose = new URL(args.request.url).searchParams.get("chose");
  return json(await scenarioView(rt.db, user, course, text, scenarioOr404(course, args.params.exerciseId), chose));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const scenario = scenarioOr404(course, args.params.exerciseId);
  const sent = await readSubmission(args.request, ScenarioForm);
  const next = sent.ok ? await playScenario(rt.db, user, course, scenario, sent.data) : null;
  if (!next) return json({ error: "scenario.error.choice" as const }, { status: 400 });
  return redirect(next);
}

export default function ScenarioPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const startForm = (label: string) => <IntentButton intent="start">{label}</IntentButton>;
  return (
    <article {...contentLang(d.lang)} className="scenario">
      <CourseTrail courseId={d.courseId} courseTitle={d.courseTitle} fallback={d.fallback} unreviewed={d.unreviewed} />
      <p className="meta">{t("scenario.label")}</p>
      <h1>{d.title}</h1>
      {actionData?.error ? (
        <p role="alert" className="alert alert-error">
          {t(actionData.error)}
        </p>
      ) : null}
      {d.justChosen ? (
        <section className={`feedback ${feedbackClass(d.justChosen.quality)}`} aria-live="polite">
          <p>
            <strong>{d.justChosen.choice}</strong>
          </p>
          {d.justChosen.quality ? <p className="verdict">{t(`scenario.verdict.${d.justChosen.quality}`)}</p> : null}
          <h2>{t("scenario.consequence")}</h2>
          <p>{d.justChosen.consequence}</p>
          <h2>{t("scenario.principle")}</h2>
          <p>{d.justChosen.principle}</p>
        </section>
      ) : null}
      {d.state === "new" ? (
        <>
          <div className="prose" dangerouslySetInnerHTML={{ __html: d.instructions }} />
          {startForm(t("scenario.start"))}
        </>
      ) : null}
      {d.state === "running" && d.step ? (
        <section>
          {d.resumed ? <p className="hint">{t("scenario.resume")}</p> : null}
          <p className="scenario-step">{d.step.text}</p>
          <h2>{t("scenario.choose")}</h2>
          <ul className="scenario-choices">
            {d.step.choices.map((c) => (
              <li key={c.id}>
                <Form method="post">
                  <input type="hidden" name="intent" value="choose" />
                  <input type="hidden" name="choice" value={c.id} />
                  <button type="submit" className="choice-button" disabled={busy}>
                    {c.text}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.state === "finished" && d.step ? (
        <section>
          <h2>{t("scenario.end")}</h2>
          <p className="scenario-step">{d.step.text}</p>
          <h2>{t("scenario.path")}</h2>
          <ol>
            {d.path.map((p, i) => (
              <li key={i}>
                <p>{p.step}</p>
                <p>
                  <strong>{p.choice}</strong>
                  {p.quality ? <span className={`status ${feedbackClass(p.quality)}`}>{t(`scenario.verdict.${p.quality}`)}</span> : null} — {p.consequence}
                </p>
                <p className="source">{p.principle}</p>
              </li>
            ))}
          </ol>
          {startForm(t("scenario.restart"))}
        </section>
      ) : null}
    </article>
  );
}

/** The panel's colour follows how good the choice was, not merely that one was made. */
function feedbackClass(quality: ChoiceQuality | null): string {
  return quality === "good" ? "feedback-ok" : quality === "partial" ? "feedback-partial" : quality === "poor" ? "feedback-wrong" : "feedback-neutral";
}
