import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { DB } from "@db/index";
import type { UserRow } from "@db/schema";

/**
 * What the sessions table keeps instead of the session id: its SHA-256, so that a leaked copy of the
 * database holds no cookie that would sign anyone in. The id already carries 100+ bits of randomness,
 * so an unsalted fast hash is enough (it is a lookup key, not a password).
 */
export function sessionDigest(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

/**
 * lucia 3's adapter over our Kysely database. lucia is unmaintained since March 2025; everything it
 * touches is in this folder, so replacing it with our own session code stays a change of app/auth/.
 */
export class KyselyAdapter implements Adapter {
  constructor(private db: DB) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.expires_at",
        "sessions.created_at",
        "sessions.user_agent",
        "users.id",
        "users.email",
        "users.name",
        "users.role",
        "users.locale",
      ])
      .where("sessions.id", "=", sessionDigest(sessionId))
      // Disabling or deleting an account ends its sessions; this keeps one that raced it from working.
      .where("users.disabled_at", "is", null)
      .where("users.deleted_at", "is", null)
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      // lucia carries on with the id it was given (the cookie's), never the stored digest.
      { id: sessionId, userId: row.id, expiresAt: new Date(Number(row.expires_at)), attributes: { created_at: Number(row.created_at), user_agent: row.user_agent } },
      { id: row.id, attributes: { email: row.email, name: row.name, role: row.role, locale: row.locale } },
    ];
  }

  /** The ids returned are digests: enough to count and list sessions, not to act on one. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(Number(r.expires_at)), attributes: { created_at: Number(r.created_at), user_agent: r.user_agent } }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        id: sessionDigest(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt.getTime(),
        created_at: session.attributes.created_at ?? Date.now(),
        user_agent: session.attributes.user_agent ?? null,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sessionDigest(sessionId)).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sessionDigest(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<=", Date.now()).execute();
  }
}

export type UserAttributes = Pick<UserRow, "email" | "name" | "role" | "locale">;
export interface SessionAttributes {
  created_at?: number;
  user_agent?: string | null;
}
