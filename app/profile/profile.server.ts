import { z } from "zod";
import type { DB } from "@db/index";
import { GENDERS, ORG_TYPES } from "@db/schema";
import { changePassword } from "~/auth/passwords.server";
import { endOtherSessions, endOwnSession, listSessions } from "~/auth/session.server";
import { describeUserAgent } from "~/auth/user-agent";
import type { Runtime } from "~/runtime.server";
import { countryOptions, isCountryCode } from "./countries";
import { msg } from "~/lib/submission.server";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

/** Form fields of the profile page; error messages are i18n keys. */
export const ProfileForm = z.object({
  name: z.string().trim().min(1, msg("auth.error.name")).max(120, msg("auth.error.name")),
  country: optional(z.string().refine(isCountryCode, msg("profile.error.country"))),
  organisation: optional(z.string().trim().max(200, msg("profile.error.organisation"))),
  org_type: optional(z.enum(ORG_TYPES, msg("profile.error.orgType"))),
  gender: optional(z.enum(GENDERS, msg("profile.error.gender"))),
});
export type ProfileInput = z.infer<typeof ProfileForm>;

/** The profile page's forms: the profile itself (the default), the password, ending one session, ending the others. */
export const ProfilePageForm = z.preprocess(
  (v) => ({ intent: "save", ...(v as object) }),
  z.discriminatedUnion(
    "intent",
    [
      ProfileForm.extend({ intent: z.literal("save") }),
      z.object({ intent: z.literal("end-session"), sessionId: z.string().regex(/^[0-9a-f]{64}$/, msg("profile.sessions.notFound")) }),
      z.object({ intent: z.literal("end-other-sessions") }),
      z.object({
        intent: z.literal("change-password"),
        currentPassword: z.string().min(1, msg("auth.error.passwordRequired")).max(200, msg("profile.password.wrong")),
        newPassword: z.string().min(10, msg("auth.error.password")).max(200, msg("auth.error.password")),
      }),
    ],
    msg("form.error.invalid"),
  ),
);

/** The profile page: the learner's details and where they are signed in (and whether a reset link just brought them). */
export async function profileView(rt: Runtime, request: Request, userId: string, lang: string) {
  const sessions = (await listSessions(rt, request, userId)).map((s) => ({ ...s, ...describeUserAgent(s.userAgent) }));
  const reset = new URL(request.url).searchParams.get("password") === "reset";
  return { profile: await getProfile(rt.db, userId), countries: countryOptions(lang), sessions, reset };
}

export type ProfileOutcome =
  | { status: number; message: "profile.saved" | "profile.sessions.ended" | "profile.sessions.endedOthers" | "profile.sessions.notFound" }
  | { status: number; message: "profile.password.changed" | "profile.password.wrong" | "profile.password.throttled"; seconds: number };

/** Saves the profile, or changes the password, or ends one of the user's sessions, or all the others. */
export async function changeProfile(rt: Runtime, request: Request, userId: string, input: z.infer<typeof ProfilePageForm>): Promise<ProfileOutcome> {
  if (input.intent === "change-password") {
    const r = await changePassword(rt, request, userId, input);
    if (r.ok) return { status: 200, message: "profile.password.changed", seconds: 0 };
    return { status: r.status, message: r.error, seconds: r.status === 429 ? r.seconds : 0 };
  }
  if (input.intent === "end-other-sessions") {
    await endOtherSessions(rt, request, userId);
    return { status: 200, message: "profile.sessions.endedOthers" };
  }
  if (input.intent === "end-session") {
    const ended = await endOwnSession(rt, userId, input.sessionId);
    return ended ? { status: 200, message: "profile.sessions.ended" } : { status: 404, message: "profile.sessions.notFound" };
  }
  const { intent: _intent, ...profile } = input;
  await updateProfile(rt.db, userId, profile);
  return { status: 200, message: "profile.saved" };
}

export async function getProfile(db: DB, userId: string) {
  return db
    .selectFrom("users")
    .select(["name", "email", "country", "organisation", "org_type", "gender"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
}

export async function updateProfile(db: DB, userId: string, input: ProfileInput) {
  await db.updateTable("users").set(input).where("id", "=", userId).execute();
}
