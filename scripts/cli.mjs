/**
 * `npm run cli -- <command>`: the package's command (bin/contacts-api.js) in
 * this checkout, built first if a source changed since the last build. One
 * node process, so that the script's node flags reach the CLI itself.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inputs, stamp } from './build-options.mjs';
import { isUpToDate } from './up-to-date.mjs';

if (!isUpToDate(stamp, inputs)) {
  // Anything the build says goes to stderr: stdout is the command's own (one JSON line with --json).
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: ['ignore', 2, 'inherit'] });
}
await import('../bin/contacts-api.js');
