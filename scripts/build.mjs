/**
 * `npm run build` (run by `npm start` first): the server as one ES module bundle
 * of the project's own code in dist/, with the packages it uses left to
 * node_modules. The server then starts without compiling TypeScript, and without
 * the memory a TypeScript loader holds for the life of the process.
 *
 * Plain JavaScript, so that building needs no TypeScript loader either.
 */
import { rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const outdir = new URL('../dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
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
