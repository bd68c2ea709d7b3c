// Creates the first administrator (or makes an existing account an administrator).
// Usage: npm run admin:create -- --email admin@example.org --name "Ada Admin"
// The password is read from ADMIN_PASSWORD, or asked for on the terminal.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getConfig } from "../app/config.server";
import { createUser, findUserByEmail, setUserRole } from "../app/auth/users.server";
import { migrateToLatest, openTarget } from "../db/index";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const Input = z.object({
  email: z.email({ error: "--email must be an email address" }),
  name: z.string().trim().min(1, { error: "--name is required" }).max(120),
});
const input = Input.safeParse(values);
if (!input.success) {
  console.error(input.error.issues.map((i) => i.message).join("\n"));
  console.error('Usage: npm run admin:create -- --email admin@example.org --name "Ada Admin"');
  process.exit(2);
}

const config = getConfig();
const database = openTarget(config.database);
const { db } = database;
await migrateToLatest(db);
const existing = await findUserByEmail(db, input.data.email);
if (existing) {
  await setUserRole(db, existing.id, "admin");
  console.log(`${existing.email} is now an administrator.`);
} else {
  let password = process.env.ADMIN_PASSWORD ?? "";
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question("Password (at least 10 characters): ");
    rl.close();
  }
  if (password.length < 10 || password.length > 200) {
    console.error("The password must have between 10 and 200 characters.");
    process.exit(2);
  }
  const result = await createUser(db, { ...input.data, password, locale: "en", role: "admin" }, config.PASSWORD_HASH_COST);
  console.log(result.ok ? `Administrator ${result.user.email} created.` : "That email address is already taken.");
}
await database.close();
