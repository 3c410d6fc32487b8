/**
 * After `npm install`: generates the Prisma clients, then builds dist/, which
 * the server (`npm start`) and the package's bin run. Both steps need
 * development tools (the Prisma CLI, tsx, esbuild); an install without them
 * (`npm ci --omit=dev` of a checkout whose dist/ was built beforehand) has
 * nothing to do here, and says so.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('../', import.meta.url).pathname;
const missing = ['prisma/package.json', 'tsx/package.json', 'esbuild/package.json'].filter((name) => {
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (missing.length) {
  console.error(`contacts-api: no development tools installed (${missing.map((name) => name.split('/')[0]).join(', ')}): keeping the build in dist/ as it is.`);
  process.exit(0);
}
const run = (...args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
run('--import', 'tsx', 'scripts/prisma-generate.ts');
run('scripts/build.mjs');
