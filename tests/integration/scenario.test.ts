import { describe, expect, it } from "vitest";
import type { ScenarioExercise } from "../../app/content/types";
import { latestRun, recordChoice, startRun } from "../../app/learning/scenario.server";
import { check, fixtureFiles } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const scenario = check(fixtureFiles()).catalog.byId.get("branching")!.exercisesById.get("sc-incident") as ScenarioExercise;

describe("scenario runs in the database", () => {
  it("record the path, resume an unfinished run, refuse stale choices, and start afresh after an ending", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const key = { userId: user.id, courseId: "branching", exerciseId: scenario.id };
    expect(await latestRun(db, key)).toBeNull();
    const id = await startRun(db, key, scenario, 1);
    expect(await recordChoice(db, key, scenario, "c-acknowledge", 2)).toMatchObject({ ok: true });
    expect(await startRun(db, key, scenario, 3)).toBe(id); // resumed, not restarted
    expect(await recordChoice(db, key, scenario, "c-ignore", 4)).toEqual({ ok: false, reason: "not_a_choice" });
    expect(await recordChoice(db, key, scenario, "c-amber", 5)).toMatchObject({ ok: true, state: { finished: true } });
    expect(await latestRun(db, key)).toEqual({
      id,
      current: "s-good-end",
      finished: true,
      path: [{ step: "s-alert", choice: "c-acknowledge", at: 2 }, { step: "s-share", choice: "c-amber", at: 5 }],
    });
    expect(await recordChoice(db, key, scenario, "c-acknowledge", 6)).toEqual({ ok: false, reason: "no_run" });
    const again = await startRun(db, key, scenario, 7);
    expect(again).not.toBe(id);
    expect((await latestRun(db, key))?.path).toEqual([]);
  });
});
