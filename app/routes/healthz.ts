import { json } from "@remix-run/node";
import { ping } from "@db/index";
import { runtime } from "~/runtime.server";

/** 200 once the database answers and the catalogue is loaded; 503 otherwise. */
export async function loader() {
  try {
    const { db, catalog } = runtime();
    const database = await ping(db);
    const ok = database;
    return json(
      { status: ok ? "ok" : "unavailable", database: database ? "ok" : "down", courses: catalog.courses.length },
      { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
