/**
 * The change feed under concurrent writers: a reader that pages contactChanges
 * while batches, updates and deletes commit around it sees every change exactly
 * once, and each contact's changes in commit order — each change starts from
 * the values the one before it left.
 *
 * Each write transaction waits a moment before it commits, after its changes
 * have taken their positions: with positions that did not commit in order, the
 * reader would pass a position before its change committed, and miss it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteContact } from '../../src/contacts/delete.js';
import type { ContactStore } from '../../src/contacts/store.js';
import { updateContact } from '../../src/contacts/update.js';
import { upsertContacts } from '../../src/contacts/upsert.js';
import type { ChangeFieldsFragment } from '../graphql/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ContactChanges } from '../support/documents.js';

const writers = 6;
const writesEach = 20;
const keys = 24;

describe('the change feed with concurrent writers and a concurrent reader', () => {
  let t: TestApp;
  let store: ContactStore;

  beforeAll(async () => {
    t = await startTestApp();
    const inner = t.db.contacts;
    store = {
      ...inner,
      concurrentWrites: inner.concurrentWrites,
      transaction: (work) =>
        inner.transaction(async (tx) => {
          const result = await work(tx);
          await sleep(Math.random() * 4);
          return result;
        }),
    };
  });
  afterAll(() => t?.drop());

  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
  const ignoreNotFound = (error: unknown) => {
    if ((error as Error).name !== 'NotFoundError') throw error;
  };

  async function write(writer: number): Promise<void> {
    for (let i = 0; i < writesEach; i++) {
      const roll = Math.random();
      if (roll < 0.6) {
        const inputs = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => {
          const key = Math.floor(Math.random() * keys);
          return { trackingId: `k-${key}`, email: `k-${key}@example.com`, firstName: `F${writer}-${i}`, lastName: 'Feed', title: pick(['A', 'B', null]) };
        });
        await upsertContacts(store, t.workspaceId, inputs);
        continue;
      }
      const contacts = await t.db.models.contact.findMany({ where: { workspaceId: t.workspaceId }, select: { id: true } });
      if (!contacts.length) continue;
      const { id } = pick(contacts);
      if (roll < 0.9) await updateContact(store, t.workspaceId, id, { note: `note ${writer}-${i}` }).catch(ignoreNotFound);
      else await deleteContact(store, t.workspaceId, id).catch(ignoreNotFound);
    }
  }

  it('sees every change once, in commit order per contact, on both databases', async () => {
    const seen: ChangeFieldsFragment[] = [];
    let after: string | null | undefined;
    const readPage = async () => {
      const page = (await t.run(ContactChanges, { first: 7, after })).contactChanges;
      seen.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.endCursor;
      return page.pageInfo.hasNextPage;
    };

    let writing = true;
    const written = Promise.all(Array.from({ length: writers }, (_, writer) => write(writer))).finally(() => (writing = false));
    let pagesWhileWriting = 0;
    while (writing) {
      await readPage();
      pagesWhileWriting++;
    }
    await written;
    while (await readPage());

    const stored = await t.db.models.contactChange.findMany({ where: { workspaceId: t.workspaceId }, orderBy: { position: 'asc' } });
    expect(pagesWhileWriting).toBeGreaterThan(1);
    expect(stored.length).toBeGreaterThan(writers * writesEach / 2);
    expect(seen.map((change) => change.id)).toEqual(stored.map((change) => change.id));

    // Per contact, each change starts where the previous one left: none missing, none out of order.
    const state = new Map<string, Map<string, string | null>>();
    for (const change of seen) {
      const fields = state.get(change.contactId) ?? new Map<string, string | null>();
      if (change.kind === 'CREATED') expect(state.has(change.contactId), `created twice: ${change.contactId}`).toBe(false);
      for (const { field, from, to } of change.changes) {
        expect(from, `${change.contactId}.${field} in ${change.kind}`).toBe(fields.get(field) ?? null);
        fields.set(field, to);
      }
      if (change.kind === 'DELETED') expect([...fields.values()].every((value) => value === null)).toBe(true);
      state.set(change.contactId, fields);
    }
    // What the feed adds up to is what the table holds.
    const contacts = await t.db.models.contact.findMany({ where: { workspaceId: t.workspaceId } });
    for (const contact of contacts) {
      const fields = state.get(contact.id)!;
      expect(fields.get('note') ?? null).toBe(contact.note);
      expect(fields.get('firstName')).toBe(contact.firstName);
      expect(fields.get('title') ?? null).toBe(contact.title);
    }
  });
});
