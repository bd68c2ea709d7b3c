import { redirect } from "@remix-run/node";

// The catalogue lives at "/"; keep /courses working for people who type it.
export function loader() {
  return redirect("/", 301);
}
