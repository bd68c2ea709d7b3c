import { describe, expect, it } from "vitest";
import { getProfile, ProfileForm, updateProfile } from "../../app/profile/profile.server";
import { countryOptions } from "../../app/profile/countries";
import { freshDb, makeUser } from "../helpers/db";

describe("learner profile", () => {
  it("validates and saves the disaggregation fields; empty means not given", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const input = ProfileForm.parse({ name: " Amina K. ", country: "SN", organisation: "Ministère des Affaires étrangères", org_type: "mfa", gender: "" });
    await updateProfile(db, user.id, input);
    expect(await getProfile(db, user.id)).toEqual({
      name: "Amina K.",
      email: user.email,
      country: "SN",
      organisation: "Ministère des Affaires étrangères",
      org_type: "mfa",
      gender: null,
    });
  });

  it("refuses values outside the lists with message keys", () => {
    const r = ProfileForm.safeParse({ name: "A", country: "XX", org_type: "spy", gender: "robot", organisation: "x".repeat(201) });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      country: "profile.error.country",
      org_type: "profile.error.orgType",
      gender: "profile.error.gender",
      organisation: "profile.error.organisation",
    });
  });

  it("names all 249 ISO 3166 countries in the reader's language", () => {
    const fr = countryOptions("fr");
    expect(fr).toHaveLength(249);
    expect(fr.find((c) => c.code === "CI")?.name).toBe("Côte d’Ivoire");
  });
});
