import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/auth/sign-in.server";
import { publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";

export async function loader() {
  return redirect(paths.home);
}

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  return redirect(paths.home, { headers: await signOut(rt, args.request) });
}
