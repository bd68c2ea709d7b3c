import { describe, expect, it } from "vitest";
import type { ScenarioExercise } from "../../app/content/types";
import { choose, startState } from "../../app/learning/scenario";
import { check, fixtureFiles, FIXTURE_ROOT } from "../helpers/catalog";

const scenario = check(fixtureFiles()).catalog.byId.get("branching")!.exercisesById.get("sc-incident") as ScenarioExercise;

describe("scenario runs", () => {
  it("follow the choices to an ending and record the path", () => {
    let state = startState(scenario);
    expect(state).toEqual({ current: "s-alert", path: [], finished: false });
    const a = choose(scenario, state, "c-acknowledge", 1);
    if (!a.ok) throw new Error();
    state = a.state;
    const b = choose(scenario, state, "c-amber", 2);
    expect(b).toEqual({
      ok: true,
      state: { current: "s-good-end", finished: true, path: [{ step: "s-alert", choice: "c-acknowledge", at: 1 }, { step: "s-share", choice: "c-amber", at: 2 }] },
    });
  });

  it("refuse a choice of another step, and any choice once finished", () => {
    expect(choose(scenario, startState(scenario), "c-amber", 1)).toEqual({ ok: false });
    expect(choose(scenario, { current: "s-bad-end", path: [], finished: true }, "c-ignore", 1)).toEqual({ ok: false });
  });
});

describe("scenario validation", () => {
  const F = `${FIXTURE_ROOT}/branching/01-only/exercise.yaml`;
  const broken = (from: string, to: string) => {
    const files = fixtureFiles();
    files.set(F, files.get(F)!.replace(from, to));
    return check(files);
  };
  it("reports a choice leading nowhere, a step without choices, and an unreachable step", () => {
    expect(broken("next: s-bad-end", "next: s-nowhere").errors).toContain(`${F}:18: choice 'c-ignore' leads to 's-nowhere', which is not a step`);
    expect(broken("    text: \"The incident escalates.\"\n    end: true", "    text: \"The incident escalates.\"").errors).toContain(
      `${F}:34: step 's-bad-end' offers no choice: add choices or mark it end: true`,
    );
    const { warnings } = broken("next: s-bad-end", "next: s-good-end");
    expect(warnings).toContain(`${F}:34: warning: step 's-bad-end' cannot be reached from the start`);
  });
  it("takes a choice's quality, for the colour of its consequence, and refuses one it does not know", () => {
    const ok = check(fixtureFiles());
    const scenario = ok.catalog.byId.get("branching")!.exercisesById.get("sc-incident");
    expect(scenario?.type === "scenario" && scenario.steps[0]!.choices.map((c) => c.quality)).toEqual(["good", "poor"]);
    expect(broken("quality: poor", "quality: terrible").errors.join("\n")).toContain("quality must be good, partial or poor");
    expect(broken("        quality: poor\n", "").errors).toEqual([]);
  });
});
