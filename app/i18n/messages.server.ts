import { ar } from "./ar";
import type { Messages } from "./en";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import type { UiLanguage } from "./index";
import { ru } from "./ru";
import { zh } from "./zh";

// Only the current language's strings travel to the browser (through the root loader).
export const MESSAGES: Record<UiLanguage, Messages> = { en, fr, es, ar, zh, ru };
