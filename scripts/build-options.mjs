/**
 * What `npm run build` makes and from what, shared by scripts/build.mjs and the
 * watching rebuild of `npm run dev`, so that both run the same code.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const root = new URL('../', import.meta.url).pathname;
export const outdir = `${root}dist/`;
/** Written after a complete build: a build that failed half-way has none, and is made again. */
export const stamp = `${outdir}.built`;
export const inputs = ['src', 'scripts/build.mjs', 'scripts/build-options.mjs', 'scripts/up-to-date.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'].map(
  (path) => root + path,
);

/**
 * src/sync/query.ts as the string it prints: the sync command then sends its
 * document without loading graphql-js (about 0.7 MB of code, kept in memory for
 * the life of the process). The module is bundled on its own and run once here.
 */
function printedSyncDocument() {
  return {
    name: 'printed-sync-document',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]sync[\\/]query\.ts$/ }, async ({ path }) => {
        const { outputFiles, metafile } = await build.esbuild.build({ entryPoints: [path], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', logLevel: 'silent' });
        const { syncUpsertContactsText } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
        const watchFiles = Object.keys(metafile.inputs).filter((input) => !input.includes('node_modules')).map((input) => root + input);
        return { contents: `export const syncUpsertContactsText = ${JSON.stringify(syncUpsertContactsText)};\n`, loader: 'js', watchFiles };
      });
    },
  };
}

/**
 * src/http/console/assets.ts reads the console's files from beside itself when
 * the server starts; in the bundle their text is there instead, as strings.
 */
function inlinedConsoleAssets() {
  return {
    name: 'inlined-console-assets',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]http[\\/]console[\\/]assets\.ts$/ }, async ({ path }) => {
        const directory = join(dirname(path), 'assets');
        const names = (await readdir(directory)).sort();
        const files = await Promise.all(names.map(async (name) => [name, await readFile(join(directory, name), 'utf8')]));
        return { contents: `export const consoleAssets = new Map(${JSON.stringify(files)});\n`, loader: 'js', watchFiles: names.map((name) => join(directory, name)), watchDirs: [directory] };
      });
    },
  };
}

/** esbuild's options for both bundles. */
export const buildOptions = {
  // The server, and the CLI that the package's bin (bin/contacts-api.js) runs; they share chunks.
  entryPoints: { main: `${root}src/main.ts`, cli: `${root}src/cli/index.ts` },
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
  plugins: [printedSyncDocument(), inlinedConsoleAssets()],
};

/** esbuild, or one sentence on why there is none: it is a development tool, absent from an install without dev dependencies. */
export async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    console.error('error: dist/ needs a build, and esbuild is not installed. Install with dev dependencies (npm install), or deploy a built dist/.');
    process.exit(1);
  }
}
