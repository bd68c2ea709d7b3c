// Signing in, registering, signing out and choosing a language: what the auth pages do.
import type { z } from "zod";
import type { FieldErrors } from "~/lib/forms";
import { readCookie } from "~/lib/cookies.server";
import { languageCookie } from "~/i18n/language.server";
import type { UiLanguage } from "~/i18n";
import type { Runtime } from "~/runtime.server";
import { DEVICE_COOKIE, trustDevice } from "./devices.server";
import type { LoginForm, RegisterForm } from "./forms.server";
import { endSession, safeRedirect, startSession, type SessionUser } from "./session.server";
import { authenticate, createUser, registrationWait, setUserLocale } from "./users.server";

export type AuthOutcome =
  | { ok: true; redirectTo: string; headers: Headers }
  | { ok: false; status: number; errors: FieldErrors; seconds: number };

/** Checks the password (with the throttle of decision 013) and starts a session on this browser. */
export async function signIn(rt: Runtime, request: Request, clientIp: string, input: z.infer<typeof LoginForm>): Promise<AuthOutcome> {
  const { db, config } = rt;
  const deviceToken = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  const result = await authenticate(
    db,
    { email: input.email, password: input.password, ip: clientIp, deviceToken },
    { freeFailures: config.LOGIN_FREE_FAILURES, maxDelayMinutes: config.LOGIN_MAX_DELAY_MINUTES, hashCost: config.PASSWORD_HASH_COST },
  );
  if (!result.ok) {
    if (result.reason === "throttled") return { ok: false, status: 429, errors: { form: "auth.error.throttled" }, seconds: result.retryAfterSeconds };
    if (result.reason === "disabled") return { ok: false, status: 403, errors: { form: "auth.error.disabled" }, seconds: 0 };
    return { ok: false, status: 401, errors: { form: "auth.error.invalid" }, seconds: 0 };
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(rt, result.user.id, request));
  headers.append("Set-Cookie", await trustDevice(db, result.user.id, deviceToken, config.SESSION_COOKIE_SECURE));
  return { ok: true, redirectTo: safeRedirect(input.redirectTo), headers };
}

/** Creates a learner's account (throttled per address) and signs them in. */
export async function register(rt: Runtime, request: Request, clientIp: string, input: z.infer<typeof RegisterForm>): Promise<AuthOutcome> {
  const wait = await registrationWait(rt.db, clientIp, rt.config.REGISTRATION_BURST);
  if (wait > 0) return { ok: false, status: 429, errors: { form: "auth.error.registerThrottled" }, seconds: wait };
  const result = await createUser(rt.db, input, rt.config.PASSWORD_HASH_COST);
  if (!result.ok) return { ok: false, status: 409, errors: { email: "auth.error.emailTaken" }, seconds: 0 };
  // A cohort that listed this address links it only when its person accepts their invitation.
  const headers = new Headers({ "Set-Cookie": await startSession(rt, result.user.id, request) });
  return { ok: true, redirectTo: safeRedirect(input.redirectTo), headers };
}

export async function signOut(rt: Runtime, request: Request): Promise<Headers> {
  return new Headers({ "Set-Cookie": await endSession(rt, request) });
}

/** Keeps the choice in a cookie, and on the account when signed in, so it follows the learner. */
export async function chooseLanguage(rt: Runtime, user: SessionUser | null, lang: UiLanguage): Promise<Headers> {
  if (user) await setUserLocale(rt.db, user.id, lang);
  return new Headers({ "Set-Cookie": await languageCookie.serialize(lang) });
}
