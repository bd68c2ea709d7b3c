import { z } from "zod";
import { msg, repeated } from "~/lib/submission.server";

/** The most lessons one sync may carry; the worker sends its queue in batches of 100. */
export const MAX_SYNC_ITEMS = 200;

/**
 * What the offline reader sends when the link returns (decision 034): whose queue it is (the key it
 * was saved under) and each lesson marked read as `<courseId>/<lessonId>`.
 */
export const SyncForm = z.object({
  key: z.string().max(64, msg("form.error.invalid")),
  read: repeated(z.string().max(210, msg("form.error.invalid"))).refine((items) => items.length <= MAX_SYNC_ITEMS, msg("form.error.invalid")),
});
