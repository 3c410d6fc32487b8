/**
 * Each database's contact store: its raw SQL stores and reads rows exactly as
 * Prisma's model API does, and every statement runs inside Prisma's interactive
 * transaction.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContactRow } from '../../src/contacts/contact.js';
import type { ContactTransaction } from '../../src/contacts/store.js';
import { newId } from '../../src/ids.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
/** The SQL Prisma sent, in order. */
const statements: string[] = [];
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase({ database: { onQuery: (sql) => statements.push(sql) } });
  workspaceId = (await database.db.models.workspace.create({ data: { name: 'Rows' } })).id;
});
afterAll(() => database.drop());

const contact = (key: string, at: Date): ContactRow => ({
  id: newId(),
  workspaceId,
  trackingId: key,
  email: `${key}@example.com`,
  emailKey: `${key}@example.com`,
  firstName: 'Row',
  lastName: key,
  phone: null,
  company: 'Acme, "Ltd"',
  title: null,
  country: null,
  numberAndStreet: null,
  city: 'Zürich',
  state: null,
  zipCode: null,
  prefix: null,
  suffix: null,
  note: 'two\nlines',
  searchText: key,
  createdAt: at,
  updatedAt: at,
});

/** Each column as the database itself holds it, as text. */
const storedText = (id: string) =>
  database.db.models.$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT CAST("createdAt" AS TEXT) AS "createdAt", CAST("updatedAt" AS TEXT) AS "updatedAt", "phone", "company", "city", "note"
     FROM "Contact" WHERE "id" = ${database.db.provider === 'postgresql' ? '$1' : '?'}`,
    id,
  );

const inTransaction = <T>(work: (tx: ContactTransaction) => Promise<T>) => database.db.contacts.transaction(work);

it('inserts rows stored exactly as Prisma stores them, and reads them back as the model API does', async () => {
  const { models } = database.db;
  const at = new Date('2030-01-02T03:04:05.678Z');
  const byPrisma = contact('by-prisma', at);
  const byStore = contact('by-store', at);
  await models.contact.create({ data: byPrisma });
  await inTransaction((tx) => tx.insert([byStore]));

  const [prismaText] = await storedText(byPrisma.id);
  expect(await storedText(byStore.id)).toEqual([prismaText]);

  const [read] = await inTransaction((tx) => tx.findByTrackingIds(workspaceId, ['by-store']));
  expect(read).toEqual(await models.contact.findUniqueOrThrow({ where: { id: byStore.id } }));
  expect(read).toEqual(byStore);
  expect(await inTransaction((tx) => tx.findByEmailKeys(workspaceId, [byPrisma.emailKey]))).toEqual([byPrisma]);
  expect(await inTransaction((tx) => tx.findById(workspaceId, byPrisma.id))).toEqual(byPrisma);
});

it("runs every statement in Prisma's interactive transaction: a throw after the writes leaves nothing behind", async () => {
  const at = new Date('2030-01-02T03:04:05.678Z');
  const [kept, changed] = [contact('kept', at), contact('changed', at)];
  await inTransaction((tx) => tx.insert([kept, changed]));
  const uncommitted = contact('uncommitted', at);
  statements.length = 0;
  const seen = await inTransaction(async (tx) => {
    await tx.insert([uncommitted]);
    await tx.update([{ ...changed, city: 'Rolled back' }]);
    expect(await tx.delete(workspaceId, kept.id)).toBe(true);
    // Inside the transaction, its own writes are visible.
    const rows = await tx.findByTrackingIds(workspaceId, ['uncommitted', 'changed', 'kept']);
    throw Object.assign(new Error('roll back'), { rows });
  }).catch((error: { rows?: ContactRow[] }) => error.rows);
  expect(seen?.map((row) => [row.trackingId, row.city]).sort()).toEqual([['changed', 'Rolled back'], ['uncommitted', 'Zürich']]);
  // Every statement went through Prisma, which reports each one it sends.
  expect(statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)\b[\s\S]*Contact/i.test(sql))).toHaveLength(3);
  const { models } = database.db;
  expect(await models.contact.findUnique({ where: { id: uncommitted.id } })).toBeNull();
  expect(await models.contact.findUniqueOrThrow({ where: { id: changed.id } })).toEqual(changed);
  expect(await models.contact.findUniqueOrThrow({ where: { id: kept.id } })).toEqual(kept);
});

it('finds rows by a unique key only in the given workspace', async () => {
  const { models } = database.db;
  const other = (await models.workspace.create({ data: { name: 'Other' } })).id;
  await inTransaction((tx) => tx.insert([{ ...contact('shared-key', new Date()), workspaceId: other }]));
  expect(await inTransaction((tx) => tx.findByTrackingIds(workspaceId, ['shared-key']))).toEqual([]);
  expect(await inTransaction((tx) => tx.findByTrackingIds(other, ['shared-key', 'missing']))).toHaveLength(1);
  expect(await inTransaction((tx) => tx.findByTrackingIds(other, []))).toEqual([]);
});

it('updates rows only in their own workspace, every column but identity and creation time', async () => {
  const { models } = database.db;
  const at = new Date('2030-01-02T03:04:05.678Z');
  const later = new Date('2031-06-07T08:09:10.111Z');
  const [a, b, c] = [contact('update-a', at), contact('update-b', at), contact('update-c', at)];
  await inTransaction((tx) => tx.insert([a, b, c]));
  const elsewhere = (await models.workspace.create({ data: { name: 'Elsewhere' } })).id;
  await inTransaction((tx) => tx.update([{ ...a, workspaceId: elsewhere, city: 'Nowhere' }]));
  await inTransaction((tx) =>
    tx.update([
      { ...a, city: 'Oslo', updatedAt: later, createdAt: later },
      { ...b, phone: '+47 1', note: null, updatedAt: later },
    ]),
  );
  expect(await models.contact.findUniqueOrThrow({ where: { id: a.id } })).toEqual({ ...a, city: 'Oslo', updatedAt: later });
  expect(await models.contact.findUniqueOrThrow({ where: { id: b.id } })).toEqual({ ...b, phone: '+47 1', note: null, updatedAt: later });
  // Dates written either way are stored as Prisma stores them.
  await models.contact.update({ where: { id: c.id }, data: { city: 'Oslo', updatedAt: later } });
  const [byPrisma] = await storedText(c.id);
  expect(await storedText(a.id)).toEqual([byPrisma]);
});
