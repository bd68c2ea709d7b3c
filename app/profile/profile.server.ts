import { z } from "zod";
import type { DB } from "@db/index";
import { GENDERS, ORG_TYPES } from "@db/schema";
import { isCountryCode } from "./countries";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

/** Form fields of the profile page; error messages are i18n keys. */
export const ProfileForm = z.object({
  name: z.string().trim().min(1, { error: "auth.error.name" }).max(120, { error: "auth.error.name" }),
  country: optional(z.string().refine(isCountryCode, { error: "profile.error.country" })),
  organisation: optional(z.string().trim().max(200, { error: "profile.error.organisation" })),
  org_type: optional(z.enum(ORG_TYPES, { error: "profile.error.orgType" })),
  gender: optional(z.enum(GENDERS, { error: "profile.error.gender" })),
});
export type ProfileInput = z.infer<typeof ProfileForm>;

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
