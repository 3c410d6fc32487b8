/**
 * The raw-SQL row helpers store and read rows exactly as Prisma's model API
 * does, so that rows written either way sort, compare and read back the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
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
  await prisma.contact.create({ data: byPrisma });
  await insertRows(prisma, provider, 'Contact', [byRows]);

  const [prismaText] = await storedText(byPrisma.id);
  const [rowsText] = await storedText(byRows.id);
  expect(rowsText).toEqual(prismaText);

  const [read] = await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['by-rows']);
  expect(read).toEqual(await prisma.contact.findUniqueOrThrow({ where: { id: byRows.id } }));
  expect(read).toEqual(byRows);
  // Through Prisma's raw query too (on SQLite the helper otherwise reads on the connection directly).
  const [throughPrisma] = await selectRowsByUniqueKey(prisma, { provider }, 'Contact', workspaceId, 'trackingId', ['by-rows']);
  expect(throughPrisma).toEqual(byRows);
});

it.runIf(testProvider === 'sqlite')('reads SQLite rows directly, inside the transaction the connection is in', async () => {
  const { prisma, provider } = database.db;
  expect(database.db.readRows).toBeTypeOf('function');
  const uncommitted = contact('uncommitted', new Date('2030-01-02T03:04:05.678Z'));
  const seen = await prisma
    .$transaction(async (tx) => {
      await insertRows(tx, provider, 'Contact', [uncommitted]);
      const rows = await selectRowsByUniqueKey(tx, database.db, 'Contact', workspaceId, 'trackingId', ['uncommitted']);
      throw Object.assign(new Error('roll back'), { rows });
    })
    .catch((error: { rows?: unknown }) => error.rows);
  expect(seen).toEqual([uncommitted]);
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['uncommitted'])).toEqual([]);
});

it('finds rows by a unique key only in the given workspace', async () => {
  const { prisma, provider } = database.db;
  const other = (await prisma.workspace.create({ data: { name: 'Other' } })).id;
  await insertRows(prisma, provider, 'Contact', [{ ...contact('shared-key', new Date()), workspaceId: other }]);
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', workspaceId, 'trackingId', ['shared-key'])).toEqual([]);
  expect(await selectRowsByUniqueKey(prisma, database.db, 'Contact', other, 'trackingId', ['shared-key', 'missing'])).toHaveLength(1);
});

it('updates only the named columns of rows in the given workspace', async () => {
  const { prisma, provider } = database.db;
  const at = new Date('2030-01-02T03:04:05.678Z');
  const later = new Date('2031-06-07T08:09:10.111Z');
  const [a, b] = [contact('update-a', at), contact('update-b', at)];
  await insertRows(prisma, provider, 'Contact', [a, b]);
  const elsewhere = (await prisma.workspace.create({ data: { name: 'Elsewhere' } })).id;
  await updateRows(prisma, provider, 'Contact', elsewhere, [{ id: a.id, data: { city: 'Nowhere' } }]);
  await updateRows(prisma, provider, 'Contact', workspaceId, [
    { id: a.id, data: { city: 'Oslo', updatedAt: later } },
    { id: b.id, data: { phone: '+47 1', note: null, updatedAt: later } },
  ]);
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: a.id } })).toEqual({ ...a, city: 'Oslo', updatedAt: later });
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: b.id } })).toEqual({ ...b, phone: '+47 1', note: null, updatedAt: later });
});
