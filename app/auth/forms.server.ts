import { z } from "zod";
import { ROLES } from "@db/schema";
import { UI_LANGUAGES } from "~/i18n";

// Form schemas live in .server files: a zod schema at the top of a route module would ship zod to
// the browser (about 90 KB gzipped) for validation that only runs on the server.
// Error messages are i18n keys (app/i18n/en.ts).

export const RegisterForm = z.object({
  name: z.string().trim().min(1, { error: "auth.error.name" }).max(120, { error: "auth.error.name" }),
  email: z.string().trim().max(254, { error: "auth.error.email" }).pipe(z.email({ error: "auth.error.email" })),
  password: z.string().min(10, { error: "auth.error.password" }).max(200, { error: "auth.error.password" }),
  locale: z.enum(UI_LANGUAGES.map((l) => l.code), { error: "auth.error.language" }),
});

export const LoginForm = z.object({
  email: z.string().trim().min(1, { error: "auth.error.email" }).max(254, { error: "auth.error.email" }),
  password: z.string().min(1, { error: "auth.error.passwordRequired" }).max(200, { error: "auth.error.invalid" }),
  redirectTo: z.string().optional(),
});

export const LanguageForm = z.object({
  lang: z.enum(UI_LANGUAGES.map((l) => l.code)),
  redirectTo: z.string().optional(),
});

export const UserSearch = z.object({ q: z.string().trim().max(254).optional() });
export const RoleForm = z.object({ userId: z.string().uuid(), role: z.enum(ROLES) });

/** The profile page's session controls: end one of one's own sessions, or all the others. */
export const SessionIntentForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal("end-other-sessions") }),
]);
