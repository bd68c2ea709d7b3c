import { z } from "zod";

// Kept out of route modules so zod stays on the server (see app/auth/forms.server.ts).
const intent = <T extends string>(name: T) => z.object({ intent: z.literal(name) });

export const EnrolForm = intent("enrol");
export const CompleteLessonForm = intent("complete");
export const StartQuizForm = intent("start");

/** True when the posted form carries exactly the expected intent. */
export function hasIntent(schema: z.ZodType, form: FormData): boolean {
  return schema.safeParse(Object.fromEntries(form)).success;
}
