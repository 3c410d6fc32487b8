/**
 * `npm run build`: the server and the CLI as ES module bundles in dist/: the
 * project's own code and the pure-JavaScript packages it uses (GraphQL, Yoga,
 * Pothos, Hono, zod, …). They then start without compiling TypeScript, without
 * the memory a TypeScript loader holds for the life of the process, and
 * without resolving and reading hundreds of small module files: loading the
 * packages one file at a time cost about a third of a 1.4 s start, bundled it
 * starts in about 0.95 s. Packages that load native code or files of their own
 * at run time stay in node_modules (`external` in build-options.mjs). Every
 * package that uses `graphql` is bundled with it, so that there is one
 * instance of graphql-js.
 *
 * `npm start` runs it with --if-changed: a build newer than every source file
 * is kept as it is, which saves about 0.2 s of every start. A
 * changed package-lock.json (packages installed or updated) counts as a change.
 *
 * Plain JavaScript, so that building needs no TypeScript loader either.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { buildOptions, inputs, loadEsbuild, outdir, stamp } from './build-options.mjs';
import { isUpToDate } from './up-to-date.mjs';

if (process.argv.includes('--if-changed') && isUpToDate(stamp, inputs)) process.exit(0);
// Imported only now: loading esbuild is most of what a build that is skipped would cost.
const esbuild = await loadEsbuild();
rmSync(outdir, { recursive: true, force: true });
await esbuild.build(buildOptions);
writeFileSync(stamp, '');
