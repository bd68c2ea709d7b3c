import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import schema from "./standards/ob3-achievementcredential.schema.json";

// 1EdTech's published JSON Schema for AchievementCredential (2024-07), bundled: nothing is fetched.
// Compiled on first use, not at load: it is the slowest thing the server would do while starting
// (about 0.3 s idle, seconds on a busy machine), and most restarts never verify a badge.
let validate: ReturnType<Ajv2019["compile"]> | undefined;

/** Whether `credential` is a valid Open Badges 3.0 AchievementCredential, and ajv's first complaints when not. */
export function checkOb3Schema(credential: unknown): { ok: boolean; errors: string[] } {
  if (!validate) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  const ok = validate(credential) as boolean;
  return { ok, errors: ok ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim()) };
}
