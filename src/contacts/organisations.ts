/**
 * Clients and investment entities: the organisations a contact can be assigned
 * to. Both are a name in a workspace and follow the same rules.
 */
import { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Client, InvestmentEntity } from '../generated/prisma/sqlite/client.js';
import { ValidationError } from './errors.js';
import { textSchema, toFieldErrors } from './validate.js';

const organisationInput = z.strictObject({
  name: textSchema('name', { max: 255, lineBreaks: false }).refine((name) => name !== '', {
    params: { code: 'REQUIRED' },
    message: 'name is required',
  }),
});

/** The trimmed name; throws ValidationError (on `name`) for a blank, too long or control-character name. */
function validOrganisationInput(raw: Readonly<Record<string, unknown>>): { name: string } {
  const parsed = organisationInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error.issues));
  return parsed.data;
}

export function createClient(db: Database, workspaceId: string, raw: Readonly<Record<string, unknown>>): Promise<Client> {
  return db.prisma.client.create({ data: { ...validOrganisationInput(raw), workspaceId } });
}

export function createInvestmentEntity(
  db: Database,
  workspaceId: string,
  raw: Readonly<Record<string, unknown>>,
): Promise<InvestmentEntity> {
  return db.prisma.investmentEntity.create({ data: { ...validOrganisationInput(raw), workspaceId } });
}
