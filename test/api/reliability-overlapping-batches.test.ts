/**
 * Overlapping upsertContacts batches from many callers at once, which could
 * deadlock were rows locked in each batch's own order: every
 * batch answers without an error, no key is held twice, and every contact ends
 * with the values of one acknowledged write, never a mix.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const UpsertContacts = /* GraphQL */ `
  mutation OverlappingBatch($inputs: [UpsertContactInput!]!) {
    upsertContacts(inputs: $inputs) {
      results {
        __typename
        ... on UpsertContactSuccess { contact { id } }
        ... on ValidationError { fieldErrors { field code } }
      }
    }
  }
`;

const contacts = 300;
const seeded = 150; // these exist before the load, so trackingId-only items can match them
const loops = 8;
const batchesPerLoop = 16;
const batchSize = 100;

const trackingIdOf = (i: number) => `overlap-${i}`;
const emailOf = (i: number) => `overlap.${i}@example.com`;
const randomCase = (text: string) => [...text].map((c) => (Math.random() < 0.5 ? c.toUpperCase() : c)).join('');

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Item {
  trackingId?: string;
  email?: string;
  firstName: string;
  lastName: string;
}

/** One item for contact `i`, by trackingId only (seeded contacts), email only or both; its names carry `tag`. */
function itemFor(i: number, tag: string): Item {
  const kinds = i < seeded ? ['trackingId', 'email', 'both'] : ['email', 'both'];
  const kind = kinds[Math.floor(Math.random() * kinds.length)]!;
  const names = { firstName: tag, lastName: tag };
  if (kind === 'trackingId') return { trackingId: trackingIdOf(i), ...names };
  if (kind === 'email') return { email: randomCase(emailOf(i)), ...names };
  return { trackingId: trackingIdOf(i), email: emailOf(i), ...names };
}

async function send(inputs: Item[]) {
  const response = await t.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: UpsertContacts, variables: { inputs } }),
  });
  const body = (await response.json()) as {
    errors?: unknown[];
    data?: { upsertContacts: { results: { __typename: string; contact?: { id: string }; fieldErrors?: { code: string }[] }[] } };
  };
  return { status: response.status, body };
}

describe('overlapping upsertContacts batches', () => {
  it(`${loops} loops of ${batchesPerLoop} shuffled, overlapping batches of ${batchSize}: no errors, no duplicates, no mixed values`, async () => {
    const seed = Array.from({ length: seeded }, (_, i) => ({ trackingId: trackingIdOf(i), email: emailOf(i), firstName: 'seed', lastName: 'seed' }));
    const seeding = await send(seed);
    expect(seeding.body.errors).toBeUndefined();

    const failures: unknown[] = [];
    /** Per contact id, the tags its acknowledged writes left on it. */
    const acknowledged = new Map<string, Set<string>>();
    const all = Array.from({ length: contacts }, (_, i) => i);
    await Promise.all(
      Array.from({ length: loops }, async (_, loop) => {
        for (let round = 0; round < batchesPerLoop; round++) {
          const items = shuffled(all).slice(0, batchSize).map((i) => itemFor(i, `L${loop}R${round}I${i}`));
          const { status, body } = await send(items);
          if (status !== 200 || body.errors) {
            failures.push({ status, errors: body.errors });
            continue;
          }
          body.data!.upsertContacts.results.forEach((result, n) => {
            if (result.__typename === 'UpsertContactSuccess') {
              const tags = acknowledged.get(result.contact!.id) ?? new Set<string>();
              acknowledged.set(result.contact!.id, tags.add(items[n]!.firstName));
            } else {
              // The only refusal this load can earn: a trackingId whose email another contact already holds.
              expect(result.fieldErrors!.map((e) => e.code)).toContain('TAKEN');
            }
          });
        }
      }),
    );
    expect(failures).toEqual([]);

    const workspaceId = t.workspaceId;
    const duplicateEmails = await t.db.models.$queryRaw<unknown[]>`
      SELECT "emailKey" FROM "Contact" WHERE "workspaceId" = ${workspaceId} GROUP BY "emailKey" HAVING COUNT(*) > 1`;
    const duplicateTrackingIds = await t.db.models.$queryRaw<unknown[]>`
      SELECT "trackingId" FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND "trackingId" IS NOT NULL
      GROUP BY "trackingId" HAVING COUNT(*) > 1`;
    expect(duplicateEmails).toEqual([]);
    expect(duplicateTrackingIds).toEqual([]);

    const stored = await t.db.models.contact.findMany({ where: { workspaceId } });
    expect(stored).toHaveLength(contacts);
    for (const contact of stored) {
      // Both names come from one item: a mix would be a torn write.
      expect(contact.lastName).toBe(contact.firstName);
      if (contact.firstName !== 'seed') expect(acknowledged.get(contact.id)?.has(contact.firstName), contact.id).toBe(true);
    }
  });
});
