import type { Provider } from './provider.js';

/**
 * A filter for strings that contain `text` literally. Prisma hands `contains` to
 * LIKE without escaping it. PostgreSQL's LIKE escapes with a backslash, so `%`,
 * `_` and `\` are escaped there and match only themselves. SQLite's LIKE has no
 * escape character unless the statement names one, and Prisma's does not: there
 * `%` and `_` keep matching any characters, so a search finds more, never less.
 */
export function containing(provider: Provider, text: string): { contains: string } {
  return { contains: provider === 'postgresql' ? text.replace(/[\\%_]/g, '\\$&') : text };
}
