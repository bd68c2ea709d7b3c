import type { Migration } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_profiles";

// A static list, not a folder scan: the server bundle and the CLI scripts must see the same migrations.
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_profiles": m0002,
};
