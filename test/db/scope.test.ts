/**
 * The workspace-scoped client on its own: queries that forget the workspace, or
 * name another, still stay inside the scope's workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { scopeToWorkspace, workspaceScopes, WorkspaceScopeError } from '../../src/db/scope.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let mine: Database;
let myWorkspace: string;
let otherWorkspace: string;
let othersContactId: string;
let othersClientId: string;

/** A contact's columns, without its workspace. */
const contactData = (key: string) => ({
  email: `${key}@example.com`,
  emailKey: `${key}@example.com`,
  firstName: 'F',
  lastName: 'L',
  trackingId: key,
});

beforeAll(async () => {
  database = await createTestDatabase();
  const { prisma } = database.db;
  myWorkspace = (await prisma.workspace.create({ data: { name: 'Mine' } })).id;
  otherWorkspace = (await prisma.workspace.create({ data: { name: 'Other' } })).id;
  othersContactId = (await prisma.contact.create({ data: { workspaceId: otherWorkspace, ...contactData('shared') } })).id;
  othersClientId = (await prisma.client.create({ data: { workspaceId: otherWorkspace, name: 'Theirs' } })).id;
  mine = scopeToWorkspace(database.db, myWorkspace);
});
afterAll(() => database?.drop());

describe('reads', () => {
  it('see only the workspace, with no filter or with a filter naming another workspace', async () => {
    const { prisma } = mine;
    expect(await prisma.contact.findMany()).toEqual([]);
    expect(await prisma.contact.count({ where: { workspaceId: otherWorkspace } })).toBe(0);
    expect(await prisma.contact.findUnique({ where: { id: othersContactId } })).toBeNull();
    expect(
      await prisma.contact.findUnique({ where: { workspaceId_trackingId: { workspaceId: otherWorkspace, trackingId: 'shared' } } }),
    ).toBeNull();
    expect(await prisma.client.findFirst({ where: { name: 'Theirs' } })).toBeNull();
    expect(await prisma.workspace.findMany()).toEqual([expect.objectContaining({ id: myWorkspace })]);
  });

  it('stay in the workspace inside an interactive transaction too', async () => {
    expect(await inTransaction(mine, (tx) => tx.contact.findUnique({ where: { id: othersContactId } }))).toBeNull();
  });
});

describe('writes', () => {
  it("put new rows into the workspace, and refuse rows for another one", async () => {
    const created = await mine.prisma.contact.create({ data: contactData('shared') as never });
    expect(created.workspaceId).toBe(myWorkspace);
    await expect(mine.prisma.contact.create({ data: { workspaceId: otherWorkspace, ...contactData('elsewhere') } })).rejects.toThrow(WorkspaceScopeError);
    await expect(
      mine.prisma.client.createMany({ data: [{ name: 'ok' }, { workspaceId: otherWorkspace, name: 'smuggled' }] as never }),
    ).rejects.toThrow(WorkspaceScopeError);
    expect(await database.db.prisma.client.count({ where: { name: 'smuggled' } })).toBe(0);
  });

  it("cannot update, delete or move another workspace's rows", async () => {
    const { prisma } = mine;
    await expect(prisma.contact.update({ where: { id: othersContactId }, data: { firstName: 'X' } })).rejects.toMatchObject({ code: 'P2025' });
    expect(await prisma.contact.updateMany({ data: { firstName: 'X' }, where: { id: othersContactId } })).toEqual({ count: 0 });
    expect(await prisma.contact.deleteMany({ where: { workspaceId: otherWorkspace } })).toEqual({ count: 0 });
    await expect(prisma.contact.delete({ where: { id: othersContactId } })).rejects.toMatchObject({ code: 'P2025' });
    const own = await prisma.contact.findFirstOrThrow();
    await expect(prisma.contact.update({ where: { id: own.id }, data: { workspaceId: otherWorkspace } })).rejects.toThrow(WorkspaceScopeError);
    const theirs = await database.db.prisma.contact.findUniqueOrThrow({ where: { id: othersContactId } });
    expect(theirs).toMatchObject({ firstName: 'F', workspaceId: otherWorkspace });
  });

  it("cannot connect a row to another workspace's row through a relation", async () => {
    const own = await mine.prisma.contact.findFirstOrThrow();
    await expect(
      mine.prisma.contact.update({ where: { id: own.id }, data: { clients: { connect: { id: othersClientId } } } }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^P20(25|18)$/) });
    await expect(
      mine.prisma.client.update({ where: { id: othersClientId }, data: { contacts: { connect: { id: own.id } } } }),
    ).rejects.toMatchObject({ code: 'P2025' });
    expect(await database.db.prisma.client.count({ where: { id: othersClientId, contacts: { some: {} } } })).toBe(0);
  });

  it('creates related rows in the workspace', async () => {
    // The types still ask for workspaceIds, as code should keep giving them; the scope fills in what is forgotten.
    const client = await mine.prisma.client.create({ data: { name: 'Nested', contacts: { create: contactData('nested') } } as never });
    expect(client.workspaceId).toBe(myWorkspace);
    expect(await database.db.prisma.contact.findFirstOrThrow({ where: { trackingId: 'nested' } })).toMatchObject({ workspaceId: myWorkspace });
  });
});

describe('workspaceScopes', () => {
  it('keeps one scoped database per recently active workspace', () => {
    const scopeOf = workspaceScopes(database.db, 1);
    const first = scopeOf(myWorkspace);
    expect(scopeOf(myWorkspace)).toBe(first);
    scopeOf(otherWorkspace);
    expect(scopeOf(myWorkspace)).not.toBe(first);
  });
});
