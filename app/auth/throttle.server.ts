import type { DB } from "@db/index";

// Slowing guessing without handing anyone a lock-out (docs/decisions/012-login-throttle.md).

export interface ThrottleSettings {
  /** failures allowed before delays begin */
  freeFailures: number;
  /** the longest delay, however many failures */
  maxDelayMinutes: number;
}

/** A key's failures are forgotten a day after its last one. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** Milliseconds to wait after `failures` failures: none for the free ones, then 1 s doubling, capped. */
export function delayAfter(failures: number, settings: ThrottleSettings): number {
  if (failures < settings.freeFailures) return 0;
  return Math.min(settings.maxDelayMinutes * 60_000, 1000 * 2 ** Math.min(failures - settings.freeFailures, 30));
}

/** The time (epoch ms) before which a new attempt under any of `keys` is refused, or null. */
export async function retryAt(db: DB, keys: string[], now: number): Promise<number | null> {
  if (!keys.length) return null;
  const rows = await db.selectFrom("login_throttle").select("next_allowed_at").where("key", "in", keys).where("next_allowed_at", ">", now).execute();
  return rows.length ? Math.max(...rows.map((r) => Number(r.next_allowed_at))) : null;
}

/** Counts one failure under `key`; `scale` multiplies the free failures (an office's shared address). */
export async function recordFailure(db: DB, key: string, settings: ThrottleSettings, now: number, scale = 1) {
  const scaled = { ...settings, freeFailures: settings.freeFailures * scale };
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const failures = !row || now - Number(row.last_failure_at) > FORGET_AFTER_MS ? 1 : row.failures + 1;
    const values = { failures, last_failure_at: now, next_allowed_at: now + delayAfter(failures, scaled) };
    if (row) await trx.updateTable("login_throttle").set(values).where("key", "=", key).execute();
    else await trx.insertInto("login_throttle").values({ key, ...values }).execute();
  });
}

export async function clearFailures(db: DB, key: string) {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}

/**
 * A leaky bucket under `key`: `burst` uses at once, then one per `intervalMs`. Counts the use and
 * returns 0 when allowed; otherwise returns how many milliseconds to wait, counting nothing.
 */
export async function takeFromBucket(db: DB, key: string, burst: number, intervalMs: number, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    let level = 0;
    let since = now;
    if (row) {
      const leaked = Math.floor((now - Number(row.last_failure_at)) / intervalMs);
      level = Math.max(0, row.failures - leaked);
      since = level === 0 ? now : Number(row.last_failure_at) + leaked * intervalMs;
    }
    if (level >= burst) return since + intervalMs - now;
    const values = { failures: level + 1, last_failure_at: since, next_allowed_at: 0 };
    if (row) await trx.updateTable("login_throttle").set(values).where("key", "=", key).execute();
    else await trx.insertInto("login_throttle").values({ key, ...values }).execute();
    return 0;
  });
}
