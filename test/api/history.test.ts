/**
 * History: every committed create, update and delete leaves one ContactChange
 * with each changed field's value before and after, who made it and in which
 * request; replays, rejected writes and dry runs leave none; a deleted
 * contact's history stays in the feed; both listings page by cursor.
 */
import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertContacts } from '../../src/contacts/upsert.js';
import type { ContactStore } from '../../src/contacts/store.js';
import { graphql } from '../graphql/index.js';
import type { ChangeFieldsFragment } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { ContactChanges, ContactHistory, DeleteContact, UpdateContact, UpsertContact } from '../support/documents.js';

const BatchUpsert = graphql(`
  mutation HistoryBatchUpsert($inputs: [UpsertContactInput!]!, $dryRun: Boolean) {
    upsertContacts(inputs: $inputs, dryRun: $dryRun) {
      createdCount
      failedCount
    }
  }
`);

describe('contact history', () => {
  const t = useTestApp();

  /** Every change of the workspace's feed, paging on with small pages. */
  async function feed(): Promise<ChangeFieldsFragment[]> {
    const changes: ChangeFieldsFragment[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = (await t.run(ContactChanges, { first: 3, after })).contactChanges;
      changes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return changes;
      after = page.pageInfo.endCursor;
    }
  }

  /** Runs the upsert with our own request id, and answers the contact's id. */
  async function upsert(input: Record<string, string | null>, requestId: string): Promise<string> {
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: print(UpsertContact), variables: { input } }),
    });
    const { data } = (await response.json()) as { data: { upsertContact: { contact: { id: string } } } };
    return data.upsertContact.contact.id;
  }

  let adaId: string;
  beforeAll(async () => {
    adaId = await upsert({ trackingId: 'h-1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, 'req-create');
    // A replay, then a real change: only the change is recorded.
    await upsert({ trackingId: 'h-1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, 'req-replay');
    await upsert({ trackingId: 'h-1', firstName: 'Augusta', phone: '+44 20 7946 0000' }, 'req-update');
  });

  it('records a create with every given field, from null, and who made it', async () => {
    const [created] = await feed();
    expect(created).toMatchObject({
      kind: 'CREATED',
      contactId: adaId,
      apiKeyId: t.apiKeyId,
      requestId: 'req-create',
      changes: [
        { field: 'trackingId', from: null, to: 'h-1' },
        { field: 'email', from: null, to: 'ada@example.com' },
        { field: 'firstName', from: null, to: 'Ada' },
        { field: 'lastName', from: null, to: 'Lovelace' },
      ],
    });
    expect(new Date(created!.time).getTime()).not.toBeNaN();
  });

  it('records an update with only the changed fields, before and after, and nothing for a replay', async () => {
    const changes = await feed();
    expect(changes.map((change) => change.requestId)).toEqual(['req-create', 'req-update']);
    expect(changes[1]).toMatchObject({
      kind: 'UPDATED',
      contactId: adaId,
      changes: [
        { field: 'firstName', from: 'Ada', to: 'Augusta' },
        { field: 'phone', from: null, to: '+44 20 7946 0000' },
      ],
    });
  });

  it('shows a contact its own history, newest first, page by page', async () => {
    const first = (await t.run(ContactHistory, { id: adaId, first: 1 })).contact!.history;
    expect(first.edges.map((edge) => edge.node.requestId)).toEqual(['req-update']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await t.run(ContactHistory, { id: adaId, first: 1, after: first.pageInfo.endCursor })).contact!.history;
    expect(second.edges.map((edge) => edge.node.requestId)).toEqual(['req-create']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('records updateContact, also of a match key, and nothing when it changes nothing', async () => {
    const before = (await feed()).length;
    const result = await t.run(UpdateContact, { id: adaId, input: { email: 'augusta@example.com' } });
    expectType(result.updateContact, 'UpdateContactSuccess');
    await t.run(UpdateContact, { id: adaId, input: { email: 'augusta@example.com' } });
    const added = (await feed()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ kind: 'UPDATED', changes: [{ field: 'email', from: 'ada@example.com', to: 'augusta@example.com' }] });
  });

  it('records one change per item of a batch, in order, and none for a rejected item or a dry run', async () => {
    const before = (await feed()).length;
    const inputs = [
      { trackingId: 'h-2', email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
      { email: 'not-an-email', firstName: 'X', lastName: 'Y' },
      { trackingId: 'h-2', title: 'Rear Admiral' },
    ];
    const dry = (await t.run(BatchUpsert, { inputs, dryRun: true })).upsertContacts;
    expect(dry).toEqual({ createdCount: 1, failedCount: 1 });
    expect(await feed()).toHaveLength(before);

    expect((await t.run(BatchUpsert, { inputs })).upsertContacts).toEqual({ createdCount: 1, failedCount: 1 });
    const added = (await feed()).slice(before);
    expect(added.map((change) => [change.kind, change.changes.map((c) => c.field)])).toEqual([
      ['CREATED', ['trackingId', 'email', 'firstName', 'lastName']],
      ['UPDATED', ['title']],
    ]);
    expect(added[0]!.contactId).toBe(added[1]!.contactId);
  });

  it('records nothing for a write that rolls back', async () => {
    const before = (await feed()).length;
    const inner = t.db.contacts;
    // The transaction fails after the upsert has written its contact and its change.
    const failing: ContactStore = {
      ...inner,
      concurrentWrites: inner.concurrentWrites,
      transaction: (work) =>
        inner.transaction(async (tx) => {
          await work(tx);
          throw new Error('rolled back after the write');
        }),
    };
    const input = { email: 'rolled-back@example.com', firstName: 'Never', lastName: 'Was' };
    await expect(upsertContacts(failing, t.workspaceId, [input])).rejects.toThrow('rolled back after the write');
    expect(await feed()).toHaveLength(before);
    expect(await t.db.models.contact.count({ where: { emailKey: 'rolled-back@example.com' } })).toBe(0);
  });

  it('records the REST route with its key and request id', async () => {
    const before = (await feed()).length;
    const response = await t.request('/api/v1/idm/contacts/upsert', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'rest-1' },
      body: JSON.stringify({ email: 'rest@example.com', firstName: 'Rest', lastName: 'Client' }),
    });
    expect(response.status).toBe(200);
    const dry = await t.request('/api/v1/idm/contacts/upsert?dryRun=true', {
      method: 'POST',
      body: JSON.stringify({ email: 'dry@example.com', firstName: 'Dry', lastName: 'Run' }),
    });
    expect(dry.status).toBe(200);
    const added = (await feed()).slice(before);
    expect(added.map((change) => [change.kind, change.apiKeyId, change.requestId])).toEqual([['CREATED', t.apiKeyId, 'rest-1']]);
  });

  it('keeps a deleted contact’s history, ending with its last values', async () => {
    const id = await upsert({ email: 'gone@example.com', firstName: 'Gone', lastName: 'Soon', note: 'last words' }, 'req-gone');
    expectType((await t.run(DeleteContact, { id })).deleteContact, 'DeleteContactSuccess');
    // Deleting what is already gone changes nothing.
    expectType((await t.run(DeleteContact, { id })).deleteContact, 'NotFoundError');
    const mine = (await feed()).filter((change) => change.contactId === id);
    expect(mine.map((change) => change.kind)).toEqual(['CREATED', 'DELETED']);
    expect(mine[1]!.changes).toEqual([
      { field: 'email', from: 'gone@example.com', to: null },
      { field: 'firstName', from: 'Gone', to: null },
      { field: 'lastName', from: 'Soon', to: null },
      { field: 'note', from: 'last words', to: null },
    ]);
  });

  it("reads a create's values from what keeps them: the contact, its next update or delete, a later item of its batch", async () => {
    const before = (await feed()).length;
    const untouched = await upsert({ email: 'still@example.com', firstName: 'Still', lastName: 'Here' }, 'req-still');
    const deleted = await upsert({ email: 'brief@example.com', firstName: 'Brief', lastName: 'Stay', city: 'Oslo' }, 'req-brief');
    expectType((await t.run(DeleteContact, { id: deleted })).deleteContact, 'DeleteContactSuccess');
    const inputs = [
      { trackingId: 'h-3', email: 'hedy@example.com', firstName: 'Hedy', lastName: 'Lamarr', city: 'Vienna' },
      { trackingId: 'h-3', city: 'Los Angeles', title: 'Inventor' },
    ];
    expect((await t.run(BatchUpsert, { inputs })).upsertContacts.createdCount).toBe(1);
    const updatedTwice = (await feed()).at(-1)!.contactId;
    await t.run(UpdateContact, { id: updatedTwice, input: { firstName: 'Hedwig' } });
    expectType((await t.run(DeleteContact, { id: updatedTwice })).deleteContact, 'DeleteContactSuccess');

    const created = (await feed()).slice(before).filter((change) => change.kind === 'CREATED');
    expect(created.map((change) => [change.contactId, change.changes])).toEqual([
      [untouched, [{ field: 'email', from: null, to: 'still@example.com' }, { field: 'firstName', from: null, to: 'Still' }, { field: 'lastName', from: null, to: 'Here' }]],
      [
        deleted,
        [
          { field: 'email', from: null, to: 'brief@example.com' },
          { field: 'firstName', from: null, to: 'Brief' },
          { field: 'lastName', from: null, to: 'Stay' },
          { field: 'city', from: null, to: 'Oslo' },
        ],
      ],
      [
        updatedTwice,
        [
          { field: 'trackingId', from: null, to: 'h-3' },
          { field: 'email', from: null, to: 'hedy@example.com' },
          { field: 'firstName', from: null, to: 'Hedy' },
          { field: 'lastName', from: null, to: 'Lamarr' },
          { field: 'city', from: null, to: 'Vienna' },
        ],
      ],
    ]);
    // Each of them was written once, with its contact: its change records no values of its own.
    const stored = await t.db.models.contactChange.findMany({ where: { id: { in: created.map((change) => change.id) } } });
    expect(stored.map((change) => change.changes)).toEqual([null, null, null]);
  });

  it("reads a create's first values while an update of its contact commits between the reads", async () => {
    const id = await upsert({ email: 'racing@example.com', firstName: 'First', lastName: 'State' }, 'req-race');
    const [change] = await t.db.models.contactChange.findMany({ where: { contactId: id } });
    // The update commits just before the contact is read: what is read next must still find the first state.
    const models = t.db.models;
    const racing = new Proxy(models, {
      get(target, property) {
        if (property !== 'contact') return Reflect.get(target, property, target);
        return {
          findMany: async (args: Parameters<typeof models.contact.findMany>[0]) => {
            await t.run(UpdateContact, { id, input: { firstName: 'Second' } });
            return models.contact.findMany(args);
          },
        };
      },
    });
    const [read] = await t.db.fillCreatedValues(racing, [{ ...change!, kind: 'CREATED' as const }]);
    expect(JSON.parse(read!.changes)).toMatchObject({ firstName: 'First' });
    expect((await t.db.models.contact.findUniqueOrThrow({ where: { id } })).firstName).toBe('Second');
  });

  it('pages the feed oldest first, and an empty page keeps the cursor it was asked with', async () => {
    const all = await feed();
    const positions = all.map((change) => change.time);
    expect([...positions].sort()).toEqual(positions);
    const end = (await t.run(ContactChanges, { first: all.length })).contactChanges;
    expect(end.pageInfo.hasNextPage).toBe(false);
    const past = (await t.run(ContactChanges, { after: end.pageInfo.endCursor })).contactChanges;
    expect(past.edges).toEqual([]);
    expect(past.pageInfo.endCursor).toBe(end.pageInfo.endCursor);
    expect(new Set(all.map((change) => change.id)).size).toBe(all.length);
  });

  it('refuses a cursor it did not give, and a negative page size, naming the argument', async () => {
    for (const variables of [{ after: 'bogus' }, { after: Buffer.from('ContactChange:-1').toString('base64url') }, { first: -1 }]) {
      const { errors } = await t.execute(ContactChanges, variables);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: Object.keys(variables)[0] });
    }
  });

  it('gives at most 500 changes a page, however many are asked for', async () => {
    const inputs = Array.from({ length: 501 }, (_, i) => ({ email: `many-${i}@example.com`, firstName: 'Many', lastName: String(i) }));
    expect((await t.run(BatchUpsert, { inputs })).upsertContacts.createdCount).toBe(501);
    const page = (await t.run(ContactChanges, { first: 100_000 })).contactChanges;
    expect(page.edges).toHaveLength(500);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});
