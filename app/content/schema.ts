import { z } from "zod";

/** Languages a course may be written or translated in (the six UN languages and Portuguese). */
export const CONTENT_LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh", "pt"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

// The vocabulary every kind of course file shares; each kind's own schema is in app/content/kinds/.

export const Id = z
  .string({ error: "must be an id (text)" })
  .max(80, { error: "ids are at most 80 characters" })
  .regex(/^[a-z][a-z0-9-]*$/, { error: "ids use lowercase letters, digits and hyphens, starting with a letter" });
export const Text = z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" });
