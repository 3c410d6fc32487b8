/**
 * Whether an output stamped at `stamp` is newer than every file it was made from,
 * `make`-style: the inputs are files or directories (walked whole), compared by
 * modification time. A missing stamp is never up to date.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function isUpToDate(stamp, inputs) {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  return inputs.every((input) => newestChange(input) <= built);
}

/** The latest modification time of a file, or of a directory and everything in it (a removal changes its directory). */
function newestChange(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}
