import type { MessageKey } from "~/i18n";

/** Each field's problem as an i18n key (shared by server and browser code: types only, no zod here). */
export type FieldErrors = Partial<Record<string, MessageKey>>;
