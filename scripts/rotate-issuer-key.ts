// Starts signing Open Badges with a new issuer key (docs/decisions/026-signed-badges.md). The old key
// is retired: its private half is erased, its public half stays in /.well-known/did.json, so every
// badge already issued still verifies. A running server signs with the new key from its next badge.
// Usage: npm run keys:rotate
import { getConfig } from "../app/config.server";
import { rotateIssuerKey } from "../app/certificates/keys.server";
import { migrateToLatest, openDatabase } from "../db/index";

const config = getConfig();
if (config.ISSUER_KEY_FILE) {
  console.error(`ISSUER_KEY_FILE is set: the key is that file's. Rotate by putting a new key in ${config.ISSUER_KEY_FILE} and restarting; the old public key stays published.`);
  process.exit(2);
}
const { db, sqlite } = openDatabase(config.databasePath);
await migrateToLatest(db);
const kid = await rotateIssuerKey(db);
console.log(`New issuer key ${kid}; earlier keys are retired and stay published.`);
sqlite.close();
