/**
 * `npm run build`: the server as one ES module bundle in dist/: the project's
 * own code and the pure-JavaScript packages it uses (GraphQL, Yoga, Pothos,
 * Hono, zod, …). The server then starts without compiling TypeScript, without
 * the memory a TypeScript loader holds for the life of the process, and
 * without resolving and reading hundreds of small module files: loading the
 * packages one file at a time cost about a third of a 1.4 s start, bundled it
 * starts in about 0.95 s. Packages that load native code or files of their own
 * at run time stay in node_modules (`external` below). Every package that uses
 * `graphql` is bundled with it, so that there is one instance of graphql-js.
 *
 * `npm start` runs it with --if-changed: a build newer than every source file
 * is kept as it is, which saves about 0.2 s of every start. A
 * changed package-lock.json (packages installed or updated) counts as a change.
 *
 * Plain JavaScript, so that building needs no TypeScript loader either.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { isUpToDate } from './up-to-date.mjs';

const root = new URL('../', import.meta.url).pathname;
const outdir = `${root}dist/`;
// Written last: a build that failed half-way has none, and is made again.
const stamp = `${outdir}.built`;
const inputs = ['src', 'scripts/build.mjs', 'scripts/up-to-date.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'].map((path) => root + path);

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
  external: [
    '@prisma/*', // the clients' WebAssembly query compilers, the schema engine's .wasm file, the adapters
    'better-sqlite3', // native
    'pg', // loads pg-native when asked to
    'pino', // its transports run files of their own in worker threads
  ],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  // Stack traces need the mappings, not the sources' text (most of it the packages'): a third of the size.
  sourcesContent: false,
  logLevel: 'warning',
});
writeFileSync(stamp, '');
