import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

/** The database kind is chosen by DATABASE_URL alone. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://');
}

/**
 * The filesystem path of a `file:` URL (relative paths are relative to the cwd),
 * with its folder created: the embedded database is created on first use.
 */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return path;
}
