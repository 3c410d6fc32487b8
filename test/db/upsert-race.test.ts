/**
 * A write that loses a race to another connection is run again and matches the
 * rival's contact: one contact, UPDATED, no error. A second connection to the
 * same database (as a second server process would hold) creates the contact
 * between this upsert's lookup and its insert; the seam is the store the domain
 * is given, wrapped so that the rival writes at exactly that point.
 * PostgreSQL answers the losing insert with a unique violation; SQLite, whose
 * transaction keeps the snapshot its lookup read, with SQLITE_BUSY_SNAPSHOT.
 * Either way the transaction must run again, not fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactStore, ContactTransaction } from '../../src/contacts/store.js';
import { upsertContact, upsertContacts } from '../../src/contacts/upsert.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createWorkspace } from '../../src/workspaces/workspaces.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let rival: Database;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  rival = await openDatabase(database.url);
  ({ workspaceId } = await createWorkspace(database.db.workspaces, 'Race'));
});
afterAll(async () => {
  await rival.close();
  await database.drop();
});

/**
 * `store`, except that in its first transaction the rival upserts `rivalInput`
 * after the lookups and before the insert. Counts the attempts.
 */
function racedStore(store: ContactStore, rivalInput: Record<string, string>) {
  const race = { attempts: 0, rivalResult: undefined as string | undefined };
  const raced: ContactStore = {
    ...store,
    transaction: (work) =>
      store.transaction((tx) => {
        race.attempts++;
        if (race.attempts > 1) return work(tx);
        const first: ContactTransaction = {
          ...tx,
          async insert(rows) {
            race.rivalResult = (await upsertContact(rival.contacts, workspaceId, rivalInput)).result;
            return tx.insert(rows);
          },
        };
        return work(first);
      }),
  };
  return { raced, race };
}

const storedWith = (where: { trackingId: string } | { emailKey: string }) => database.db.models.contact.findMany({ where: { workspaceId, ...where } });

describe('an upsert whose insert loses a race to another connection', () => {
  it('by trackingId: runs again, matches the rival’s contact and updates it', async () => {
    const rivalInput = { trackingId: 'race-1', email: 'race.one@example.com', firstName: 'Rival', lastName: 'Writer' };
    const { raced, race } = racedStore(database.db.contacts, rivalInput);
    const outcome = await upsertContact(raced, workspaceId, { ...rivalInput, firstName: 'Second' });
    expect(race).toEqual({ attempts: 2, rivalResult: 'CREATED' });
    expect(outcome).toMatchObject({ result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: ['firstName'] });
    const stored = await storedWith({ trackingId: 'race-1' });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: outcome.contact.id, firstName: 'Second', lastName: 'Writer' });
  });

  it('by email in another case: runs again and matches the rival’s contact by email', async () => {
    const rivalInput = { email: 'Race.Two@Example.com', firstName: 'Rival', lastName: 'Writer' };
    const { raced, race } = racedStore(database.db.contacts, rivalInput);
    const outcome = await upsertContact(raced, workspaceId, { email: 'race.two@example.COM', firstName: 'Rival', lastName: 'Writer', city: 'Turin' });
    expect(race).toEqual({ attempts: 2, rivalResult: 'CREATED' });
    expect(outcome).toMatchObject({ result: 'UPDATED', matchedBy: 'EMAIL', changedFields: ['city'] });
    expect(await storedWith({ emailKey: 'race.two@example.com' })).toHaveLength(1);
  });

  it('in a batch: the whole batch runs again, the raced item matches and the others are created once', async () => {
    const rivalInput = { trackingId: 'race-3', email: 'race.three@example.com', firstName: 'Rival', lastName: 'Writer' };
    const { raced, race } = racedStore(database.db.contacts, rivalInput);
    const outcomes = await upsertContacts(raced, workspaceId, [
      { trackingId: 'race-4', email: 'race.four@example.com', firstName: 'Other', lastName: 'Item' },
      { ...rivalInput, note: 'batch' },
    ]);
    expect(race).toEqual({ attempts: 2, rivalResult: 'CREATED' });
    expect(outcomes).toMatchObject([
      { result: 'CREATED', matchedBy: null },
      { result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: ['note'] },
    ]);
    expect(await storedWith({ trackingId: 'race-3' })).toHaveLength(1);
    expect(await storedWith({ trackingId: 'race-4' })).toHaveLength(1);
  });
});
