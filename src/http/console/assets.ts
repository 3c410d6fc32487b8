/**
 * The console's page, script, style and icon: the files of assets/, read once
 * when the server starts. The build puts their text into the bundle instead
 * (scripts/build-options.mjs), where no assets/ directory lies beside the code.
 */
import { readdirSync, readFileSync } from 'node:fs';

const directory = new URL('./assets/', import.meta.url);

/** Each file's text by its name. */
export const consoleAssets: ReadonlyMap<string, string> = new Map(readdirSync(directory).map((name) => [name, readFileSync(new URL(name, directory), 'utf8')]));
