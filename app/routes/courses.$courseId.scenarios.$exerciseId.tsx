import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { scenarioOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { requireEnrolledCourse } from "~/learning/context.server";
import { latestRun, recordChoice, startRun } from "~/learning/scenario.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

async function scenarioContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireEnrolledCourse(request, params);
  const scenario = scenarioOr404(ctx.course, params.exerciseId);
  return { ...ctx, scenario, key: { userId: ctx.user.id, courseId: ctx.course.id, exerciseId: scenario.id } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, scenario, key, lang, fallback } = await scenarioContext(request, params);
  const run = await latestRun(runtime().db, key);
  const text = (stepId: string) => pick(scenario.stepsById.get(stepId)?.text ?? {}, lang);
  const explain = (stepId: string, choiceId: string) => {
    const c = scenario.stepsById.get(stepId)?.choices.find((x) => x.id === choiceId);
    return c ? { step: text(stepId), choice: pick(c.text, lang), consequence: pick(c.consequence, lang), principle: pick(c.principle, lang) } : null;
  };
  const last = run?.path.at(-1);
  const current = run ? scenario.stepsById.get(run.current) : undefined;
  // The consequence of the last choice is shown once, right after it is made (?chose=).
  const chose = new URL(request.url).searchParams.get("chose");
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    lang,
    fallback,
    title: pick(scenario.title, lang),
    instructions: pick(scenario.instructions, lang),
    state: !run ? ("new" as const) : run.finished ? ("finished" as const) : ("running" as const),
    resumed: !!run && !run.finished && run.path.length > 0 && !chose,
    justChosen: last && chose === last.choice ? explain(last.step, last.choice) : null,
    step: current ? { text: pick(current.text, lang), choices: current.choices.map((c) => ({ id: c.id, text: pick(c.text, lang) })) } : null,
    path: run?.finished ? run.path.flatMap((p) => explain(p.step, p.choice) ?? []) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, scenario, key } = await scenarioContext(request, params);
  const form = await readForm(request);
  const here = `/courses/${course.id}/scenarios/${scenario.id}`;
  const { db } = runtime();
  if (form.get("intent") === "start") {
    await startRun(db, key, scenario);
    return redirect(here);
  }
  const choice = String(form.get("choice") ?? "");
  const result = await recordChoice(db, key, scenario, choice);
  if (!result.ok) return json({ error: "scenario.error.choice" as const }, { status: 400 });
  return redirect(`${here}?${new URLSearchParams({ chose: choice })}`);
}

export default function ScenarioPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const startForm = (label: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value="start" />
      <button type="submit" className="button-primary">
        {label}
      </button>
    </Form>
  );
  return (
    <article lang={d.lang} className="scenario">
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link>
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
      <p className="meta">{t("scenario.label")}</p>
      <h1>{d.title}</h1>
      {actionData?.error ? (
        <p role="alert" className="alert alert-error">
          {t(actionData.error)}
        </p>
      ) : null}
      {d.justChosen ? (
        <section className="feedback feedback-ok" aria-live="polite">
          <p>
            <strong>{d.justChosen.choice}</strong>
          </p>
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
                  <strong>{p.choice}</strong> — {p.consequence}
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
