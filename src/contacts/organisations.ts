/**
 * Clients and investment entities: the organisations a contact can be assigned
 * to. Both are a name in a workspace and follow the same rules.
 */
import { z } from 'zod';
import type { OrganisationRow } from './contact.js';
import { ValidationError } from './errors.js';
import type { ContactStore, OrganisationKind } from './store.js';
import { textSchema, toFieldErrors } from './validate.js';

const organisationInput = z.strictObject({
  name: textSchema('name', { max: 255, controls: 'none' }).refine((name) => name !== '', {
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

/** Creates a client or an investment entity; throws ValidationError for a bad name. */
export function createOrganisation(
  store: ContactStore,
  kind: OrganisationKind,
  workspaceId: string,
  raw: Readonly<Record<string, unknown>>,
): Promise<OrganisationRow> {
  return store.createOrganisation(kind, workspaceId, validOrganisationInput(raw).name);
}
