/** One data model: the per-database Prisma schemas are exactly what prisma/models.prisma renders to. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { providers, renderSchema, schemaPath } from '../../scripts/prisma-schemas.js';

describe.each(providers)('prisma/%s/schema.prisma', (provider) => {
  it('is rendered from prisma/models.prisma (run `npm run prisma:schemas`)', () => {
    expect(readFileSync(schemaPath(provider), 'utf8')).toBe(renderSchema(provider));
  });

  it('differs from the other provider only in its header', () => {
    const models = (p: string) => p.slice(p.indexOf('// The data model'));
    const others = providers.filter((other) => other !== provider);
    for (const other of others) expect(models(renderSchema(provider))).toBe(models(renderSchema(other)));
  });
});
