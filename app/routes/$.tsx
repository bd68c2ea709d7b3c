import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicPage } from "~/lib/guards.server";
import { notFound } from "~/lib/responses";

/**
 * Any address no other route answers. Without it Remix renders its "not found" without running the
 * root loader, so the error page had no dictionary (it showed raw keys) and no signed-in header:
 * matched here, the page is in the reader's language, like every other.
 */
export async function loader(args: LoaderFunctionArgs) {
  await publicPage(args);
  throw notFound();
}

// A page, not a resource route: the thrown 404 is then drawn by the root's error page.
export default function NotFound() {
  return null;
}
