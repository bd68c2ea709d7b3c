import type { DB } from "@db/index";

export interface ThrottleSettings {
  maxFailures: number;
  lockMinutes: number;
}

/** Returns the time (epoch ms) until which any of `keys` is locked, or null. */
export async function lockedUntil(db: DB, keys: string[], now: number): Promise<number | null> {
  const rows = await db
    .selectFrom("login_throttle")
    .select("locked_until")
    .where("key", "in", keys)
    .where("locked_until", ">", now)
    .execute();
  return rows.length ? Math.max(...rows.map((r) => Number(r.locked_until))) : null;
}

/**
 * Counts a failed login for each key within a window of `lockMinutes`; reaching `maxFailures` locks the
 * key for `lockMinutes`. Keys are the account ("email:…", limit maxFailures) and the client address
 * ("ip:…", ten times the limit, so one office behind a proxy is not locked out by a single person).
 */
export async function recordFailure(db: DB, key: string, limit: number, settings: ThrottleSettings, now: number) {
  const windowMs = settings.lockMinutes * 60_000;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const fresh = !row || now - Number(row.window_started_at) > windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      failures,
      window_started_at: fresh ? now : Number(row.window_started_at),
      locked_until: failures >= limit ? now + windowMs : null,
    };
    if (row) await trx.updateTable("login_throttle").set(values).where("key", "=", key).execute();
    else await trx.insertInto("login_throttle").values({ key, ...values }).execute();
  });
}

export async function clearFailures(db: DB, key: string) {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
