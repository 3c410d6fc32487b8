/**
 * The workspace-scoped client on its own: queries that forget the workspace, or
 * name another, still stay inside the scope's workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectedModelClient } from '../../src/db/models.js';
import { ownedRelations, WorkspaceScopeError } from '../../src/db/scope.js';
import { getDatamodel } from '../../src/generated/pothos-types.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let mine: ConnectedModelClient;
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
  const prisma = database.db.models;
  myWorkspace = (await prisma.workspace.create({ data: { name: 'Mine' } })).id;
  otherWorkspace = (await prisma.workspace.create({ data: { name: 'Other' } })).id;
  othersContactId = (await prisma.contact.create({ data: { workspaceId: otherWorkspace, ...contactData('shared') } })).id;
  othersClientId = (await prisma.client.create({ data: { workspaceId: otherWorkspace, name: 'Theirs' } })).id;
  mine = database.db.modelsOf(myWorkspace);
});
afterAll(() => database?.drop());

describe('reads', () => {
  it('see only the workspace, with no filter or with a filter naming another workspace', async () => {
    const prisma = mine;
    expect(await prisma.contact.findMany()).toEqual([]);
    expect(await prisma.contact.count({ where: { workspaceId: otherWorkspace } })).toBe(0);
    expect(await prisma.contact.findUnique({ where: { id: othersContactId } })).toBeNull();
    expect(
      await prisma.contact.findUnique({ where: { workspaceId_trackingId: { workspaceId: otherWorkspace, trackingId: 'shared' } } }),
    ).toBeNull();
    expect(await prisma.client.findFirst({ where: { name: 'Theirs' } })).toBeNull();
    expect(await prisma.workspace.findMany()).toEqual([expect.objectContaining({ id: myWorkspace })]);
  });

});

describe('writes', () => {
  it("put new rows into the workspace, and refuse rows for another one", async () => {
    const created = await mine.contact.create({ data: contactData('shared') as never });
    expect(created.workspaceId).toBe(myWorkspace);
    await expect(mine.contact.create({ data: { workspaceId: otherWorkspace, ...contactData('elsewhere') } })).rejects.toThrow(WorkspaceScopeError);
    await expect(
      mine.client.createMany({ data: [{ name: 'ok' }, { workspaceId: otherWorkspace, name: 'smuggled' }] as never }),
    ).rejects.toThrow(WorkspaceScopeError);
    expect(await database.db.models.client.count({ where: { name: 'smuggled' } })).toBe(0);
  });

  it("cannot update, delete or move another workspace's rows", async () => {
    const prisma = mine;
    await expect(prisma.contact.update({ where: { id: othersContactId }, data: { firstName: 'X' } })).rejects.toMatchObject({ code: 'P2025' });
    expect(await prisma.contact.updateMany({ data: { firstName: 'X' }, where: { id: othersContactId } })).toEqual({ count: 0 });
    expect(await prisma.contact.deleteMany({ where: { workspaceId: otherWorkspace } })).toEqual({ count: 0 });
    const own = await prisma.contact.findFirstOrThrow();
    await expect(prisma.contact.update({ where: { id: own.id }, data: { workspaceId: otherWorkspace } })).rejects.toThrow(WorkspaceScopeError);
    const theirs = await database.db.models.contact.findUniqueOrThrow({ where: { id: othersContactId } });
    expect(theirs).toMatchObject({ firstName: 'F', workspaceId: otherWorkspace });
  });

  it("cannot connect a row to another workspace's row through a relation", async () => {
    const own = await mine.contact.findFirstOrThrow();
    await expect(
      mine.contact.update({ where: { id: own.id }, data: { clients: { connect: { id: othersClientId } } } }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^P20(25|18)$/) });
    await expect(
      mine.client.update({ where: { id: othersClientId }, data: { contacts: { connect: { id: own.id } } } }),
    ).rejects.toMatchObject({ code: 'P2025' });
    expect(await database.db.models.client.count({ where: { id: othersClientId, contacts: { some: {} } } })).toBe(0);
  });

  it('creates related rows in the workspace', async () => {
    // The types still ask for workspaceIds, as code should keep giving them; the scope fills in what is forgotten.
    const client = await mine.client.create({ data: { name: 'Nested', contacts: { create: contactData('nested') } } as never });
    expect(client.workspaceId).toBe(myWorkspace);
    expect(await database.db.models.contact.findFirstOrThrow({ where: { trackingId: 'nested' } })).toMatchObject({ workspaceId: myWorkspace });
  });
});

describe('the scope', () => {
  it('is kept for each recently active workspace', () => {
    expect(database.db.modelsOf(myWorkspace)).toBe(mine);
    expect(database.db.modelsOf(otherWorkspace)).not.toBe(mine);
  });

  it('knows every workspace-owned model and every relation between two of them', () => {
    const { models } = getDatamodel().datamodel;
    const owned = (name: string) => models[name]!.fields.some((field) => field.name === 'workspaceId');
    const fromDatamodel = Object.keys(models)
      .filter(owned)
      .map((name) => [
        name,
        models[name]!.fields.filter((field) => field.kind === 'object' && owned(field.type)).map((field) => [field.name, field.type]),
      ]);
    expect(Object.fromEntries([...ownedRelations].map(([name, relations]) => [name, [...relations]]))).toEqual(Object.fromEntries(fromDatamodel));
  });
});
