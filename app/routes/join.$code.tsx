import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { findInvite, joinWithInvite } from "~/cohorts/cohorts.server";
import { CohortInvitation } from "~/components/cohort-invitation";
import { pageTitle, useT } from "~/components/i18n";
import { learnerPage, publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.invite?.name) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await publicPage(args);
  const invite = await findInvite(rt.db, args.params.code ?? "");
  if (!invite) throw notFound();
  return json({
    invite: { name: invite.name, programme: invite.programme, state: invite.state },
    signedIn: !!user,
    here: new URL(args.request.url).pathname,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const result = await joinWithInvite(rt.db, user, args.params.code ?? "");
  if (!result.ok) return json({ error: `join.error.${result.reason}` as const }, { status: result.reason === "not_found" ? 404 : 410 });
  return redirect(paths.dashboard);
}

export default function Join() {
  const { invite, signedIn, here } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const problem = invite.state !== "valid" ? <p className="alert alert-error">{t(`join.error.${invite.state}`)}</p> : null;
  return <CohortInvitation cohort={invite.name} programme={invite.programme} here={here} signedIn={signedIn} error={data?.error} problem={problem} accept="join.submit" />;
}
