import type { Migration } from "kysely";
import * as m0001 from "./0001_init";
import * as m0002 from "./0002_profiles";
import * as m0003 from "./0003_cohorts";
import * as m0004 from "./0004_report_support";
import * as m0005 from "./0005_certificates";
import * as m0006 from "./0006_exercises";
import * as m0007 from "./0007_scenario_runs";
import * as m0008 from "./0008_course_instructors";
import * as m0009 from "./0009_hash_session_ids";
import * as m0010 from "./0010_consent_and_throttle";
import * as m0011 from "./0011_backups";
import * as m0012 from "./0012_password_resets";
import * as m0013 from "./0013_audit_log";
import * as m0014 from "./0014_account_status";
import * as m0015 from "./0015_cohorts_over_time";
import * as m0016 from "./0016_signed_badges";
import * as m0018 from "./0018_learner_course_summaries";
import * as m0019 from "./0019_summaries_on_enrolments";

// A static list, not a folder scan: the server bundle and the CLI scripts must see the same migrations.
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_profiles": m0002,
  "0003_cohorts": m0003,
  "0004_report_support": m0004,
  "0005_certificates": m0005,
  "0006_exercises": m0006,
  "0007_scenario_runs": m0007,
  "0008_course_instructors": m0008,
  "0009_hash_session_ids": m0009,
  "0010_consent_and_throttle": m0010,
  "0011_backups": m0011,
  "0012_password_resets": m0012,
  "0013_audit_log": m0013,
  "0014_account_status": m0014,
  "0015_cohorts_over_time": m0015,
  "0016_signed_badges": m0016,
  "0018_learner_course_summaries": m0018,
  "0019_summaries_on_enrolments": m0019,
};
