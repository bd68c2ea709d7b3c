import { ar } from "./ar";
import type { Messages } from "./en";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import type { Role } from "@db/schema";
import type { UiLanguage } from "./index";
import { ru } from "./ru";
import { zh } from "./zh";

// Only the current language's strings travel to the browser (through the root loader).
export const MESSAGES: Record<UiLanguage, Messages> = { en, fr, es, ar, zh, ru };

/**
 * What the browser gets of the dictionary (decision 031): the keys of the pages the person can reach
 * without reloading. Learners and visitors never open a staff page, so the staff-only parts stay on
 * the server; email texts never leave it. Built once per language and audience.
 */
const STAFF_ONLY = ["cohort.", "report.", "admin.", "items.", "health.", "teach.", "audit.", "invite.", "csv."];
const SERVER_ONLY = ["mail."];
const subsets = new Map<string, Partial<Messages>>();

export function clientMessages(lang: UiLanguage, role: Role | null): Partial<Messages> {
  const staff = role !== null && role !== "learner";
  const key = `${lang}:${staff}`;
  let subset = subsets.get(key);
  if (!subset) {
    const left = staff ? SERVER_ONLY : [...SERVER_ONLY, ...STAFF_ONLY];
    subset = Object.fromEntries(Object.entries(MESSAGES[lang]).filter(([k]) => !left.some((prefix) => k.startsWith(prefix)))) as Partial<Messages>;
    subsets.set(key, subset);
  }
  return subset;
}
