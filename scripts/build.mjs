/**
 * `npm run build`: the server as one ES module bundle of the project's own code
 * in dist/, with the packages it uses left to node_modules. The server then
 * starts without compiling TypeScript, and without the memory a TypeScript
 * loader holds for the life of the process.
 *
 * `npm start` runs it with --if-changed: a build newer than every source file
 * is kept as it is, which saves a quarter of a second of every start. The
 * packages are not in the bundle, so installing others needs no new build.
 *
 * Plain JavaScript, so that building needs no TypeScript loader either.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { isUpToDate } from './up-to-date.mjs';

const root = new URL('../', import.meta.url).pathname;
const outdir = `${root}dist/`;
// Written last: a build that failed half-way has none, and is made again.
const stamp = `${outdir}.built`;
const inputs = ['src', 'scripts/build.mjs', 'scripts/up-to-date.mjs', 'package.json', 'tsconfig.json'].map((path) => root + path);

if (process.argv.includes('--if-changed') && isUpToDate(stamp, inputs)) process.exit(0);
// Imported only now: loading esbuild is most of what a build that is skipped would cost.
const esbuild = await import('esbuild');
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [`${root}src/main.ts`],
  outdir,
  bundle: true,
  // main.js sets the runtime defaults, then imports the rest as a chunk of its own,
  // so that no package is evaluated before those defaults are in place.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(stamp, '');
