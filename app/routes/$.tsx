import { notFound } from "~/lib/responses";

// Any address no other route answers. Thrown from a loader, the 404 comes after the root's loader,
// so the error page has the reader's language and dictionary; when no route matched at all, Remix
// rendered the root's error boundary without the root's data: <html lang="en"> whatever the
// language, and the message keys (app.skip, app.name…) where the words should be.
export function loader(): never {
  throw notFound();
}

// A form posted to an unknown address is not found either (not "method not allowed").
export function action(): never {
  throw notFound();
}

// A page, not a resource route (whose thrown 404 would go out as the bare text "Not found"): the
// root's error boundary shows it, with the site's header and a way home.
export default function NotFound() {
  return null;
}
