import { z } from "zod";
import { msg } from "~/lib/submission.server";

// Kept out of route modules so zod stays on the server (see app/auth/forms.server.ts).
const intent = <T extends string>(name: T) => z.object({ intent: z.literal(name, msg("form.error.invalid")) });

export const EnrolForm = intent("enrol");
export const CompleteLessonForm = intent("complete");
export const StartQuizForm = intent("start");
/** Which question is answered; the answer's own fields are read by grading, which refuses what no form could send. */
export const AnswerForm = z.looseObject({ questionId: z.string().max(200, msg("quiz.error.notInAttempt")) });
/** A drafting exercise's buttons; the answers' own fields are read by readDraft against the exercise. */
export const DraftForm = z.looseObject({ intent: z.enum(["save", "submit"], msg("review.error.decision")) });
/** The automatic save (a fetcher, or a beacon as the page is left): it only ever saves, never submits. */
export const AutosaveForm = z.looseObject({ intent: z.literal("save", msg("review.error.decision")) });
export const ScenarioForm = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("start") }), z.object({ intent: z.literal("choose"), choice: z.string().max(200, msg("scenario.error.choice")) })],
  msg("scenario.error.choice"),
);
