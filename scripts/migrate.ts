/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. Idempotent. */
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';

const { DATABASE_URL } = loadConfig();
const applied = await migrate(DATABASE_URL);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');
// The wasm schema engine leaves a timer behind that would hold the process for ~10 s.
process.exit(0);
