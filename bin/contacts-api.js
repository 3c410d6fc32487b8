#!/usr/bin/env node
// The package's command: runs the built CLI (dist/cli.js), plain JavaScript, no TypeScript loader.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(`error: contacts-api is not built yet. Run npm run build in ${new URL('..', import.meta.url).pathname}`);
  process.exit(1);
}
// Stack traces are shown only with LOG_LEVEL=debug; only then are they worth mapping back to the sources.
if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.setSourceMapsEnabled(true);
await import(cli.href);
