import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { participantAction, ParticipantForm, ParticipantQuery, participantView } from "~/cohorts/cohorts.server";
import { GrantAttemptFields } from "~/components/grant-attempt";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { cohortPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { badRequest, notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { countryName } from "~/profile/countries";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.place.name) }];

function queryOf(request: Request) {
  const query = ParticipantQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw notFound();
  return query.data;
}

/** One place of a cohort: remove it (after a confirmation), withdraw its invitation, grant one more quiz attempt. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, cohort, lang, t } = await cohortPage(args);
  const query = queryOf(args.request);
  const view = await participantView(rt.db, rt.catalog, cohort, query.email, lang, t);
  if (!view) throw notFound();
  return json({ ...view, confirm: query.confirm ?? null, notice: query.notice ?? null });
}

type ActionData = { errors: FieldErrors; quiz: string | null; error: MessageKey | null };

export async function action(args: ActionFunctionArgs) {
  const { rt, cohort, user } = await cohortPage(args);
  const { email } = queryOf(args.request);
  const sent = await readSubmission(args.request, ParticipantForm);
  if (!sent.ok) {
    if (sent.form.get("intent") !== "grant") throw badRequest("Unknown action");
    return json<ActionData>({ errors: sent.errors, quiz: String(sent.form.get("quiz") ?? ""), error: null }, { status: 400 });
  }
  const done = await participantAction(rt.db, rt.catalog, user, cohort, email, sent.data);
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) return json<ActionData>({ errors: {}, quiz: sent.data.intent === "grant" ? sent.data.quiz : null, error: done.error }, { status: done.status });
  return redirect(done.redirect === "cohort" ? paths.cohortPage(cohort.id, `notice=${done.notice}`) : paths.cohortParticipant(cohort.id, email, { notice: done.notice }));
}

export default function Participant() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const here = (extra?: Record<string, string>) => paths.cohortParticipant(d.cohort.id, d.place.email, extra);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.cohort(d.cohort.id)}>{d.cohort.name}</Link>
      </p>
      <h1>{d.place.name}</h1>
      {d.notice ? (
        <p role="status" className="alert alert-ok">
          {t(d.notice === "withdrawn" ? "cohort.participant.withdrawnDone" : "grant.done")}
        </p>
      ) : null}
      <dl>
        <dt>{t("auth.email")}</dt>
        <dd>{d.place.email}</dd>
        {d.place.country ? (
          <>
            <dt>{t("profile.country")}</dt>
            <dd>{countryName(d.place.country, lang)}</dd>
          </>
        ) : null}
        {d.place.organisation ? (
          <>
            <dt>{t("profile.organisation")}</dt>
            <dd>{d.place.organisation}</dd>
          </>
        ) : null}
        <dt>{t("cohort.detail.status")}</dt>
        <dd>{t(d.place.state === "accepted" ? "cohort.detail.accepted" : d.place.state === "pending" ? "cohort.detail.pending" : "cohort.detail.withdrawn")}</dd>
      </dl>

      {d.place.state === "accepted" ? (
        <section>
          <h2>{t("grant.title")}</h2>
          {result?.error ? (
            <p role="alert" className="alert alert-error">
              {t(result.error)}
            </p>
          ) : null}
          {d.exhausted.length === 0 ? <p>{t("grant.none")}</p> : null}
          {d.exhausted.map((e) => (
            <Form method="post" key={`${e.courseId} ${e.quizId}`} className="narrow card">
              <input type="hidden" name="intent" value="grant" />
              <GrantAttemptFields item={e} errors={result?.quiz === e.quizId ? result.errors : {}} />
            </Form>
          ))}
        </section>
      ) : null}

      {d.place.state === "pending" ? (
        <section>
          <h2>{t("cohort.participant.withdrawTitle")}</h2>
          <p>{t("cohort.participant.withdrawHelp")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit">{t("cohort.participant.withdraw")}</button>
          </Form>
        </section>
      ) : null}

      <section>
        <h2>{t("cohort.participant.removeTitle")}</h2>
        <p>{t("cohort.participant.removeHelp")}</p>
        {d.confirm === "remove" ? (
          <div role="alert" className="alert alert-error">
            <p>{t("cohort.participant.removeConfirm", { name: d.place.name, cohort: d.cohort.name })}</p>
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="remove" />
              <button type="submit" className="button-primary">
                {t("cohort.participant.removeYes")}
              </button>{" "}
              <Link to={here()}>{t("cohort.participant.cancel")}</Link>
            </Form>
          </div>
        ) : (
          <p>
            <Link to={here({ confirm: "remove" })}>{t("cohort.participant.remove", { name: d.place.name })}</Link>
          </p>
        )}
      </section>
    </>
  );
}
