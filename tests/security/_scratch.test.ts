import { it } from "vitest";
import { createWorld, routeFiles, routePattern, hasAction } from "./world";
it("seeds", async () => {
  const t = Date.now();
  const w = await createWorld();
  console.log("seeded in", Date.now() - t, "ms");
  console.log(JSON.stringify({ A: w.learnerA, B: { ...w.learnerB, draftAnswers: undefined }, X: w.cohortX, Y: w.cohortY, tok: w.pendingToken }, null, 1).slice(0, 3000));
  for (const f of routeFiles()) console.log(f, routePattern(f), hasAction(f));
  const r = await w.clients.learnerA.get("/dashboard");
  console.log(r.status, (await r.text()).includes("Alpha Zulu"));
  const v = await w.clients.anonymous.get(`/verify/${w.learnerA.certificateCode}`);
  const vt = await v.text();
  console.log(v.status, vt.includes(w.learnerA.certificateCode), vt.includes("Programme Xray"));
  const x = await w.clients.anonymous.get(`/teach/reviews/x/y/z`);
  console.log(x.status, x.headers.get("location"));
  await w.app.stop();
}, 120000);
