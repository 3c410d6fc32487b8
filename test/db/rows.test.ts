/**
 * The raw-SQL row helpers store and read rows exactly as Prisma's model API
 * does, so that rows written either way sort, compare and read back the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { insertRows, selectRowsByUniqueKey, updateRows } from '../../src/db/rows.js';
import { createTestDatabase, testProvider, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = (await database.db.prisma.workspace.create({ data: { name: 'Rows' } })).id;
});
afterAll(() => database.drop());

const contact = (key: string, at: Date) => ({
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
  database.db.prisma.$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT CAST("createdAt" AS TEXT) AS "createdAt", CAST("updatedAt" AS TEXT) AS "updatedAt", "phone", "company", "city", "note"
     FROM "Contact" WHERE "id" = ${database.db.provider === 'postgresql' ? '$1' : '?'}`,
    id,
  );

it('inserts rows stored exactly as Prisma stores them, and reads them back as the model API does', async () => {
  const { prisma, provider } = database.db;
  const at = new Date('2030-01-02T03:04:05.678Z');
  const byPrisma = contact('by-prisma', at);
  const byRows = contact('by-rows', at);
  const byRawPrisma = contact('by-raw-prisma', at);
  await prisma.contact.create({ data: byPrisma });
  await insertRows(prisma, database.db, 'Contact', [byRows]); // on SQLite, directly on the connection
  await insertRows(prisma, { provider }, 'Contact', [byRawPrisma]); // through Prisma's raw query

  const [prismaText] = await storedText(byPrisma.id);
  expect(await storedText(byRows.id)).toEqual([prismaText]);
  expect(await storedText(byRawPrisma.id)).toEqual([prismaText]);

  const [read] = await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['by-rows']);
  expect(read).toEqual(await prisma.contact.findUniqueOrThrow({ where: { id: byRows.id } }));
  expect(read).toEqual(byRows);
  // Through Prisma's raw query too (on SQLite the helper otherwise reads on the connection directly).
  const [throughPrisma] = await selectRowsByUniqueKey(prisma, { provider }, 'Contact', workspaceId, 'trackingId', ['by-rows']);
  expect(throughPrisma).toEqual(byRows);
});

it.runIf(testProvider === 'sqlite')('writes and reads SQLite rows directly, inside the transaction the connection is in', async () => {
  const { prisma } = database.db;
  expect(database.db.direct).toBeDefined();
  const uncommitted = contact('uncommitted', new Date('2030-01-02T03:04:05.678Z'));
  const seen = await prisma
    .$transaction(async (tx) => {
      await insertRows(tx, database.db, 'Contact', [uncommitted]);
      const rows = await selectRowsByUniqueKey(tx, database.db, 'Contact', workspaceId, 'trackingId', ['uncommitted']);
      throw Object.assign(new Error('roll back'), { rows });
    })
    .catch((error: { rows?: unknown }) => error.rows);
  expect(seen).toEqual([uncommitted]);
  // Rolled back with the transaction, as far as Prisma can tell too.
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['uncommitted'])).toEqual([]);
  expect(await prisma.contact.findUnique({ where: { id: uncommitted.id } })).toBeNull();
});

it('finds rows by a unique key only in the given workspace', async () => {
  const { prisma, provider } = database.db;
  const other = (await prisma.workspace.create({ data: { name: 'Other' } })).id;
  await insertRows(prisma, database.db, 'Contact', [{ ...contact('shared-key', new Date()), workspaceId: other }]);
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['shared-key'])).toEqual([]);
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', other, 'trackingId', ['shared-key', 'missing'])).toHaveLength(1);
});

it.each([
  ['on the connection directly (SQLite)', () => database.db],
  ["through Prisma's raw query", () => ({ provider: database.db.provider })],
])('updates only the named columns of rows in the given workspace, %s', async (way, source) => {
  const { prisma } = database.db;
  const at = new Date('2030-01-02T03:04:05.678Z');
  const later = new Date('2031-06-07T08:09:10.111Z');
  const [a, b, c] = [contact(`update-a ${way}`, at), contact(`update-b ${way}`, at), contact(`update-c ${way}`, at)];
  await insertRows(prisma, database.db, 'Contact', [a, b, c]);
  const elsewhere = (await prisma.workspace.create({ data: { name: 'Elsewhere' } })).id;
  await updateRows(prisma, source(), 'Contact', elsewhere, [{ id: a.id, data: { city: 'Nowhere' } }]);
  await updateRows(prisma, source(), 'Contact', workspaceId, [
    { id: a.id, data: { city: 'Oslo', updatedAt: later } },
    { id: b.id, data: { phone: '+47 1', note: null, updatedAt: later } },
  ]);
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: a.id } })).toEqual({ ...a, city: 'Oslo', updatedAt: later });
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: b.id } })).toEqual({ ...b, phone: '+47 1', note: null, updatedAt: later });
  // Dates written by either way are stored as Prisma stores them.
  await prisma.contact.update({ where: { id: c.id }, data: { city: 'Oslo', updatedAt: later } });
  const [byPrisma] = await storedText(c.id);
  expect(await storedText(a.id)).toEqual([byPrisma]);
});
