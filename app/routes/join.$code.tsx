import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { findInvite, joinWithInvite } from "~/cohorts/cohorts.server";
import { CohortInvitation } from "~/components/cohort-invitation";
import { pageTitle, useT } from "~/components/i18n";
import { learnerPage, publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.invite ? pageTitle(matches, null, data.invite.name) : pageTitle(matches, "join.unknownTitle") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await publicPage(args);
  const invite = await findInvite(rt.db, args.params.code ?? "");
  const here = new URL(args.request.url).pathname;
  // An unknown code gets its own message (and a 404), so the person can check what they typed.
  if (!invite) return json({ invite: null, signedIn: !!user, here }, { status: 404 });
  return json({ invite: { name: invite.name, programme: invite.programme, state: invite.state }, signedIn: !!user, here });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const result = await joinWithInvite(rt.db, user, args.params.code ?? "");
  if (!result.ok) return json({ error: `join.error.${result.reason}` as const }, { status: result.reason === "not_found" ? 404 : 410 });
  return redirect(paths.joined(result.already));
}

export default function Join() {
  const { invite, signedIn, here } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  if (!invite) return <UnknownCode />;
  const problem = invite.state !== "valid" ? <p className="alert alert-error">{t(`join.error.${invite.state}`)}</p> : null;
  return <CohortInvitation cohort={invite.name} programme={invite.programme} here={here} signedIn={signedIn} error={data?.error} problem={problem} accept="join.submit" />;
}

/** No cohort has this code: say so, and offer to type it again. */
function UnknownCode() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("join.unknownTitle")}</h1>
      <p role="alert" className="alert alert-error">
        {t("join.error.not_found")}
      </p>
      <Form method="get" action={paths.join} className="inline-form">
        <label htmlFor="code">{t("dashboard.inviteCode")}</label>
        <input id="code" name="code" type="text" autoComplete="off" maxLength={20} required />
        <button type="submit">{t("join.submit")}</button>
      </Form>
    </section>
  );
}
