/**
 * Generates the Prisma clients (one per provider) and the Pothos types without
 * any download: runs on `npm install` (postinstall).
 *
 * The Prisma CLI refuses to run `generate` unless its native schema engine is on
 * disk, and fetches it from a CDN that many networks cannot reach. `generate`
 * never executes the engine, so where none was downloaded we point
 * PRISMA_SCHEMA_ENGINE_BINARY at a stand-in that explains itself if it is ever
 * run. Only this process sees the variable: the ordinary `prisma` CLI still
 * downloads and uses the real engine wherever it can.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { providers, schemaPath } from './prisma-schemas.js';

const require = createRequire(import.meta.url);

function downloadedSchemaEngine(): string | undefined {
  const enginesDir = dirname(require.resolve('@prisma/engines/package.json'));
  const file = readdirSync(enginesDir).find((name) => name.startsWith('schema-engine'));
  return file && `${enginesDir}/${file}`;
}

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !downloadedSchemaEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(
    new URL('./schema-engine-unavailable.sh', import.meta.url),
  );
}
// Generation must not phone home (telemetry and update checks).
env.CHECKPOINT_DISABLE = '1';
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const prismaCli = require.resolve('prisma/build/index.js');
for (const provider of providers) {
  const schema = schemaPath(provider);
  if (!existsSync(schema)) throw new Error(`${schema} is missing: run npm run prisma:schemas`);
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    env,
    stdio: 'inherit',
  });
}
