import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { LanguageForm } from "~/auth/forms.server";
import { safeRedirect } from "~/auth/session.server";
import { chooseLanguage } from "~/auth/sign-in.server";
import { publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { readSubmission } from "~/lib/submission.server";

export async function loader() {
  return redirect(paths.home);
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await publicPage(args);
  const sent = await readSubmission(args.request, LanguageForm);
  if (!sent.ok) return json({ error: "Unknown language" }, { status: 400 });
  return redirect(safeRedirect(sent.data.redirectTo, paths.home), { headers: await chooseLanguage(rt, user, sent.data.lang) });
}
