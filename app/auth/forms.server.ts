import { z } from "zod";
import { ROLES } from "@db/schema";
import { UI_LANGUAGES } from "~/i18n";
import { msg } from "~/lib/submission.server";

// Form schemas live in .server files: a zod schema at the top of a route module would ship zod to
// the browser (about 90 KB gzipped) for validation that only runs on the server.
// Error messages are i18n keys (app/i18n/en.ts).

export const RegisterForm = z.object({
  name: z.string().trim().min(1, msg("auth.error.name")).max(120, msg("auth.error.name")),
  email: z.string().trim().max(254, msg("auth.error.email")).pipe(z.email(msg("auth.error.email"))),
  password: z.string().min(10, msg("auth.error.password")).max(200, msg("auth.error.password")),
  locale: z.enum(UI_LANGUAGES.map((l) => l.code), msg("auth.error.language")),
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const LoginForm = z.object({
  email: z.string().trim().min(1, msg("auth.error.email")).max(254, msg("auth.error.email")),
  password: z.string().min(1, msg("auth.error.passwordRequired")).max(200, msg("auth.error.invalid")),
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const LanguageForm = z.object({
  lang: z.enum(UI_LANGUAGES.map((l) => l.code), msg("auth.error.language")),
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const UserSearch = z.object({ q: z.string().trim().max(254).optional().catch(undefined) });
export const RoleForm = z.object({ userId: z.uuid(msg("form.error.invalid")), role: z.enum(ROLES, msg("form.error.invalid")) });

const name = z.string().trim().min(1, msg("auth.error.name")).max(120, msg("auth.error.name"));
const email = z.string().trim().max(254, msg("auth.error.email")).pipe(z.email(msg("auth.error.email")));

/** An account an administrator creates (decision 022): its person sets the password with a one-time link. */
export const NewAccountForm = z.object({
  name,
  email,
  role: z.enum(ROLES, msg("form.error.invalid")),
  locale: z.enum(UI_LANGUAGES.map((l) => l.code), msg("auth.error.language")),
});

/** The admin's users page: a role (the default, as the form has always sent it), a password reset link, or a new account. */
export const AdminUsersForm = z.preprocess(
  (v) => ({ intent: "role", ...(v as object) }),
  z.discriminatedUnion(
    "intent",
    [
      RoleForm.extend({ intent: z.literal("role") }),
      z.object({ intent: z.literal("reset-link"), userId: z.uuid(msg("form.error.invalid")) }),
      NewAccountForm.extend({ intent: z.literal("create") }),
    ],
    msg("form.error.invalid"),
  ),
);

/** One account's page (/admin/users/:userId): its name and email, disabling, enabling, deleting, a reset link. */
export const AccountForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("edit"), name, email }),
    z.object({ intent: z.literal("disable") }),
    z.object({ intent: z.literal("enable") }),
    z.object({ intent: z.literal("delete"), confirm: z.literal("yes", msg("admin.account.delete.confirmRequired")) }),
    z.object({ intent: z.literal("reset-link") }),
  ],
  msg("form.error.invalid"),
);

export const ForgotPasswordForm = z.object({
  email: z.string().trim().max(254, msg("auth.error.email")).pipe(z.email(msg("auth.error.email"))),
});

export const NewPasswordForm = z.object({
  password: z.string().min(10, msg("auth.error.password")).max(200, msg("auth.error.password")),
});
