import type { z } from "zod";
import type { MessageKey } from "~/i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/**
 * Validates submitted form fields with a zod schema whose error messages are i18n keys. On failure it
 * returns the first problem of each field, and what was typed (never passwords) to show again.
 */
export function parseForm<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  form: FormData,
  keep: string[] = [],
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in raw)) raw[k] = v;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  const values = Object.fromEntries(keep.filter((k) => k in raw).map((k) => [k, raw[k]!]));
  return { ok: false, errors, values };
}
