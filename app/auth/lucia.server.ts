import { Lucia, TimeSpan } from "lucia";
import type { DB } from "@db/index";
import { KyselyAdapter, type SessionAttributes, type UserAttributes } from "./adapter.server";

/** 14 days, extended on use (docs/decisions/004-sessions.md). */
export const SESSION_LIFETIME = new TimeSpan(14, "d");

export const SESSION_COOKIE = "session";

export function createLucia(db: DB, secureCookies: boolean) {
  return new Lucia(new KyselyAdapter(db), {
    sessionExpiresIn: SESSION_LIFETIME,
    sessionCookie: {
      name: SESSION_COOKIE,
      // lucia always sets HttpOnly and Path=/; Lax keeps cross-site POSTs from carrying the cookie.
      attributes: { secure: secureCookies, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      locale: attributes.locale,
    }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: UserAttributes;
    DatabaseSessionAttributes: SessionAttributes;
  }
}
