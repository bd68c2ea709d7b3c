import { z } from "zod";
import { en, type MessageKey } from "~/i18n";
import type { FieldErrors } from "./forms";
import { FORM_LIMIT, readForm } from "./request.server";

/** A zod error option whose message is an i18n key: a typo fails the type check. */
export const msg = (key: MessageKey) => ({ error: key });

/** A field that may be sent several times (checkboxes): always an array, empty when absent. */
export const repeated = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export type Submission<T> = { ok: true; data: T; form: FormData } | { ok: false; errors: FieldErrors; values: Record<string, string>; form: FormData };

const isMessageKey = (m: string): m is MessageKey => m in en;

/**
 * The one way to read what a form sent: every field by name (a repeated field, such as a group of
 * checkboxes, as an array; see `repeated`), checked by `schema`. Success gives typed data; failure
 * gives each field's first problem as an i18n key and what was typed in the `keep` fields (never a
 * password), to show the form again. A message that is not an i18n key (zod's own, for a value no
 * form of ours sends) becomes "form.error.invalid", so nobody is answered in another language.
 */
export async function readSubmission<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { keep?: readonly string[]; limit?: number } = {},
): Promise<Submission<z.infer<S>>> {
  const form = await readForm(request, opts.limit ?? FORM_LIMIT);
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    raw[key] = all.length === 1 ? all[0]! : all;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, form };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "form.error.invalid";
  }
  const values: Record<string, string> = {};
  for (const k of opts.keep ?? []) {
    const v = form.get(k);
    if (typeof v === "string") values[k] = v;
  }
  return { ok: false, errors, values, form };
}
