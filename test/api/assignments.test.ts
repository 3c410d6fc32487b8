/** Clients, investment entities, and assigning contacts to them. */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.js';
import { graphql } from '../graphql/index.js';
import { expectType, useTestApp } from '../support/app.js';
import {
  AssignContactToClient,
  AssignContactToInvestmentEntity,
  ContactById,
  CreateClient,
  CreateInvestmentEntity,
  DeleteContact,
  UnassignContactFromClient,
  UnassignContactFromInvestmentEntity,
  UpdateContact,
  UpsertContact,
} from '../support/documents.js';
import { contactInAnotherWorkspace } from '../support/other-workspace.js';

const t = useTestApp();
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;

const OrganisationsById = graphql(`
  query OrganisationsById($clientId: ID!, $investmentEntityId: ID!) {
    client(id: $clientId) {
      id
      name
      contacts {
        id
      }
    }
    investmentEntity(id: $investmentEntityId) {
      id
      name
      contacts {
        id
      }
    }
  }
`);

const ContactAssignments = graphql(`
  query ContactAssignments($id: ID!) {
    contact(id: $id) {
      ...Assignments
    }
  }
`);

async function newContact(trackingId = unique('crm')) {
  const input = { trackingId, email: `${unique('person')}@example.com`, firstName: 'Ada', lastName: 'Lovelace' };
  return expectType((await t.run(UpsertContact, { input })).upsertContact, 'UpsertContactSuccess').contact;
}
const newClient = async (name = unique('Client')) =>
  expectType((await t.run(CreateClient, { input: { name } })).createClient, 'CreateClientSuccess').client;
const newEntity = async (name = unique('Entity')) =>
  expectType((await t.run(CreateInvestmentEntity, { input: { name } })).createInvestmentEntity, 'CreateInvestmentEntitySuccess')
    .investmentEntity;
const assignments = async (id: string) => (await t.run(ContactAssignments, { id })).contact!;
const organisationIds = (contact: { clients: { id: string }[]; investmentEntities: { id: string }[] }) => ({
  clients: contact.clients.map((client) => client.id),
  investmentEntities: contact.investmentEntities.map((entity) => entity.id),
});
const missingId = '0190a3c4-0000-7000-8000-000000000000';

describe('creating clients and investment entities', () => {
  it('creates them with a trimmed name and finds them by id', async () => {
    const client = await newClient('  Acme Capital  ');
    const entity = await newEntity('\tAcme Fund I ');
    expect([client.name, entity.name]).toEqual(['Acme Capital', 'Acme Fund I']);
    const found = await t.run(OrganisationsById, { clientId: client.id, investmentEntityId: entity.id });
    expect(found).toEqual({ client: { ...client, contacts: [] }, investmentEntity: { ...entity, contacts: [] } });
  });

  it('accepts 255 characters (not bytes) and refuses blank, longer or control-character names on `name`', async () => {
    expect((await newClient('é'.repeat(255))).name).toHaveLength(255);
    const cases = [
      ['   ', 'REQUIRED'],
      ['x'.repeat(256), 'TOO_LONG'],
      ['Line\nbreak', 'INVALID'],
      ['nul\u0000', 'INVALID'],
    ] as const;
    const before = [await t.db.models.client.count(), await t.db.models.investmentEntity.count()];
    for (const [name, code] of cases) {
      const client = expectType((await t.run(CreateClient, { input: { name } })).createClient, 'ValidationError');
      const entity = expectType((await t.run(CreateInvestmentEntity, { input: { name } })).createInvestmentEntity, 'ValidationError');
      for (const rejected of [client, entity]) {
        expect(rejected.fieldErrors).toEqual([{ field: 'name', code, message: expect.stringContaining('name') }]);
      }
    }
    expect([await t.db.models.client.count(), await t.db.models.investmentEntity.count()]).toEqual(before);
  });

  it('finds nothing for unknown, malformed or other-workspace ids (contacts with assignments neither)', async () => {
    const other = await contactInAnotherWorkspace(t.db);
    const foreignClient = await t.db.models.client.create({ data: { name: 'Foreign', workspaceId: other.workspaceId } });
    const foreignEntity = await t.db.models.investmentEntity.create({ data: { name: 'Foreign', workspaceId: other.workspaceId } });
    for (const [clientId, investmentEntityId] of [
      [missingId, missingId],
      ['nul\u0000', '\ud800'],
      [foreignClient.id, foreignEntity.id],
    ] as const) {
      expect(await t.run(OrganisationsById, { clientId, investmentEntityId })).toEqual({ client: null, investmentEntity: null });
    }
    for (const id of [missingId, 'nul\u0000', other.contact.id]) {
      expect((await t.run(ContactAssignments, { id })).contact).toBeNull();
    }
  });
});

describe('assigning', () => {
  it('assigns a contact to clients and investment entities, seen from both sides', async () => {
    const contact = await newContact();
    const [acme, globex, fund] = [await newClient(), await newClient(), await newEntity()];
    await t.run(AssignContactToClient, { contactId: contact.id, clientId: acme.id });
    await t.run(AssignContactToClient, { contactId: contact.id, clientId: globex.id });
    const result = await t.run(AssignContactToInvestmentEntity, { contactId: contact.id, investmentEntityId: fund.id });
    const assigned = expectType(result.assignContactToInvestmentEntity, 'AssignmentSuccess').contact;
    expect(assigned).toEqual({ id: contact.id, clients: [acme, globex], investmentEntities: [fund] });
    const found = await t.run(OrganisationsById, { clientId: acme.id, investmentEntityId: fund.id });
    expect(found.client?.contacts).toEqual([{ id: contact.id }]);
    expect(found.investmentEntity?.contacts).toEqual([{ id: contact.id }]);
  });

  it('is idempotent both ways and leaves the contact itself (and its updatedAt) alone', async () => {
    const contact = await newContact();
    const [client, entity] = [await newClient(), await newEntity()];
    const ids = { contactId: contact.id, clientId: client.id, investmentEntityId: entity.id };
    for (let i = 0; i < 2; i++) {
      expectType((await t.run(AssignContactToClient, ids)).assignContactToClient, 'AssignmentSuccess');
      expectType((await t.run(AssignContactToInvestmentEntity, ids)).assignContactToInvestmentEntity, 'AssignmentSuccess');
    }
    expect(organisationIds(await assignments(contact.id))).toEqual({ clients: [client.id], investmentEntities: [entity.id] });
    for (let i = 0; i < 2; i++) {
      const fromClient = expectType((await t.run(UnassignContactFromClient, ids)).unassignContactFromClient, 'AssignmentSuccess');
      const fromEntity = await t.run(UnassignContactFromInvestmentEntity, ids);
      expect(fromClient.contact.clients).toEqual([]);
      expect(expectType(fromEntity.unassignContactFromInvestmentEntity, 'AssignmentSuccess').contact.investmentEntities).toEqual([]);
    }
    expect((await t.run(ContactById, { id: contact.id })).contact?.updatedAt).toBe(contact.updatedAt);
  });

  it('answers NotFoundError for an unknown, malformed or other-workspace contact, client or entity', async () => {
    const other = await contactInAnotherWorkspace(t.db);
    const foreignClient = await t.db.models.client.create({ data: { name: 'Foreign', workspaceId: other.workspaceId } });
    const foreignEntity = await t.db.models.investmentEntity.create({ data: { name: 'Foreign', workspaceId: other.workspaceId } });
    const [contact, client, entity] = [await newContact(), await newClient(), await newEntity()];
    const ids = { contactId: contact.id, clientId: client.id, investmentEntityId: entity.id };
    const cases = [
      ...[missingId, 'nul\u0000', other.contact.id].map((contactId) => ({ ...ids, contactId, missing: 'contact' })),
      ...[
        [missingId, missingId],
        ['\ud800', 'nul\u0000'],
        [foreignClient.id, foreignEntity.id],
      ].map(([clientId, investmentEntityId]) => ({ ...ids, clientId: clientId!, investmentEntityId: investmentEntityId!, missing: 'organisation' })),
    ];
    for (const { missing, ...variables } of cases) {
      const byClient = [
        (await t.run(AssignContactToClient, variables)).assignContactToClient,
        (await t.run(UnassignContactFromClient, variables)).unassignContactFromClient,
      ];
      const byEntity = [
        (await t.run(AssignContactToInvestmentEntity, variables)).assignContactToInvestmentEntity,
        (await t.run(UnassignContactFromInvestmentEntity, variables)).unassignContactFromInvestmentEntity,
      ];
      for (const result of byClient) expect(expectType(result, 'NotFoundError').message).toMatch(missing === 'contact' ? /^No contact/ : /^No client/);
      for (const result of byEntity) {
        expect(expectType(result, 'NotFoundError').message).toMatch(missing === 'contact' ? /^No contact/ : /^No investment entity/);
      }
    }
    expect(await t.db.models.contact.count({ where: { id: other.contact.id, clients: { some: {} } } })).toBe(0);
    expect(organisationIds(await assignments(contact.id))).toEqual({ clients: [], investmentEntities: [] });
  });

  it('ends with deleting the contact; its clients and entities stay', async () => {
    const contact = await newContact();
    const [client, entity] = [await newClient(), await newEntity()];
    await t.run(AssignContactToClient, { contactId: contact.id, clientId: client.id });
    await t.run(AssignContactToInvestmentEntity, { contactId: contact.id, investmentEntityId: entity.id });
    expectType((await t.run(DeleteContact, { id: contact.id })).deleteContact, 'DeleteContactSuccess');
    const found = await t.run(OrganisationsById, { clientId: client.id, investmentEntityId: entity.id });
    expect(found).toMatchObject({ client: { id: client.id, contacts: [] }, investmentEntity: { id: entity.id, contacts: [] } });
  });
});

describe('writes to contact fields never touch assignments', () => {
  async function assignedContact() {
    const contact = await newContact();
    const [client, entity] = [await newClient(), await newEntity()];
    await t.run(AssignContactToClient, { contactId: contact.id, clientId: client.id });
    await t.run(AssignContactToInvestmentEntity, { contactId: contact.id, investmentEntityId: entity.id });
    return { contact, expected: { clients: [client.id], investmentEntities: [entity.id] } };
  }

  it('upsert: update, replay, and creating another contact', async () => {
    const { contact, expected } = await assignedContact();
    const input = { trackingId: contact.trackingId, firstName: 'Changed', company: 'New' };
    expect(expectType((await t.run(UpsertContact, { input })).upsertContact, 'UpsertContactSuccess').changedFields).not.toEqual([]);
    expect(expectType((await t.run(UpsertContact, { input })).upsertContact, 'UpsertContactSuccess').changedFields).toEqual([]);
    const created = await newContact();
    expect(organisationIds(await assignments(contact.id))).toEqual(expected);
    expect(organisationIds(await assignments(created.id))).toEqual({ clients: [], investmentEntities: [] });
  });

  it('updateContact, also of the match keys', async () => {
    const { contact, expected } = await assignedContact();
    const input = { trackingId: unique('crm'), email: `${unique('moved')}@example.com`, lastName: 'King' };
    expectType((await t.run(UpdateContact, { id: contact.id, input })).updateContact, 'UpdateContactSuccess');
    expect(organisationIds(await assignments(contact.id))).toEqual(expected);
  });

  // The batch mutation is built separately; this case joins in once it exists.
  const batchMutation = schema.getMutationType()?.getFields().upsertContacts;
  it.runIf(batchMutation)('upsertContacts: update, replay and create in one batch', async () => {
    const { contact, expected } = await assignedContact();
    const UpsertContacts = parse(`
      mutation UpsertContacts($inputs: [UpsertContactInput!]!) {
        upsertContacts(inputs: $inputs) { createdCount updatedCount failedCount }
      }
    `);
    const created = { trackingId: unique('crm'), email: `${unique('batch')}@example.com`, firstName: 'New', lastName: 'One' };
    const update = { trackingId: contact.trackingId, firstName: 'Batched' };
    const result = await t.run(UpsertContacts, { inputs: [update, update, created] });
    expect(result).toEqual({ upsertContacts: { createdCount: 1, updatedCount: 2, failedCount: 0 } });
    expect(organisationIds(await assignments(contact.id))).toEqual(expected);
  });
});
