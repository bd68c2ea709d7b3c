import type { Kysely } from "kysely";

// Profile fields for disaggregated reports. All optional: a learner fills them in when they choose.
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["country", "organisation", "org_type", "gender"]) {
    await db.schema.alterTable("users").addColumn(column, "text").execute();
  }
  await db.schema.createIndex("users_country_idx").on("users").column("country").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_country_idx").execute();
  for (const column of ["country", "organisation", "org_type", "gender"]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
}
