/**
 * Workspace isolation, field by field: with its own key, workspace B cannot read,
 * match, update, delete or assign anything of workspace A through any root field
 * of the schema. A root field without a case here fails the suite, so that a new
 * field cannot ship unexamined.
 *
 * The operations are plain strings rather than generated documents: a case may
 * name a field that is not built yet (it runs once the field exists), and
 * codegen refuses documents that do not match the schema.
 */
import { describe, expect, it } from 'vitest';
import { upsertContact } from '../../src/contacts/upsert.js';
import { schema } from '../../src/graphql/schema/index.js';
import { useTestApp, type WorkspaceClient } from '../support/app.js';
import { ContactById } from '../support/documents.js';

const t = useTestApp();

/** Workspace A's data, which every case aims at. */
interface Target {
  contactId: string;
  trackingId: string;
  email: string;
  clientId: string;
  investmentEntityId: string;
  webhookEndpointId: string;
}

/** B's own contact, client and entity, for the assignments that mix both workspaces. */
interface Own {
  contactId: string;
  clientId: string;
  investmentEntityId: string;
}

interface Case {
  (b: WorkspaceClient, a: Target, own: Own): Promise<void>;
}

/** Runs an operation as B; any GraphQL error fails the case (isolation answers with data, not errors). */
async function graphql(client: WorkspaceClient, query: string, variables: Record<string, unknown> = {}) {
  const response = await client.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const notFound = (payload: { __typename: string }) => expect(payload.__typename).toBe('NotFoundError');
const contactIdsOf = (payloads: { contact?: { id: string } }[]) => payloads.map((payload) => payload.contact?.id);

const assignments = {
  assignContactToClient: ['clientId', 'clientId'],
  unassignContactFromClient: ['clientId', 'clientId'],
  assignContactToInvestmentEntity: ['investmentEntityId', 'investmentEntityId'],
  unassignContactFromInvestmentEntity: ['investmentEntityId', 'investmentEntityId'],
} as const;

/** Every mix that involves A: A's contact with A's organisation, B's contact with A's, A's contact with B's. */
const assignmentCase =
  (field: keyof typeof assignments): Case =>
  async (b, a, own) => {
    const [argument, key] = assignments[field];
    const mixes = [
      [a.contactId, a[key]],
      [own.contactId, a[key]],
      [a.contactId, own[key]],
    ];
    for (const [contactId, organisationId] of mixes) {
      const data = await graphql(
        b,
        `mutation ($contactId: ID!, $organisationId: ID!) {
          ${field}(contactId: $contactId, ${argument}: $organisationId) { __typename }
        }`,
        { contactId, organisationId },
      );
      notFound(data[field]);
    }
  };

const cases: Record<string, Case> = {
  'Query.contact': async (b, a) => {
    const data = await graphql(b, 'query ($id: ID!) { contact(id: $id) { id } }', { id: a.contactId });
    expect(data.contact).toBeNull();
  },
  'Query.contactByTrackingId': async (b, a) => {
    const data = await graphql(b, 'query ($v: String!) { contactByTrackingId(trackingId: $v) { id } }', { v: a.trackingId });
    expect(data.contactByTrackingId).toBeNull();
  },
  'Query.contactByEmail': async (b, a) => {
    const data = await graphql(b, 'query ($v: String!) { contactByEmail(email: $v) { id } }', { v: a.email.toUpperCase() });
    expect(data.contactByEmail).toBeNull();
  },
  'Query.contacts': async (b, a) => {
    for (const search of [null, a.email, a.trackingId]) {
      const data = await graphql(
        b,
        'query ($search: String) { contacts(first: 100, search: $search) { totalCount edges { node { id } } } }',
        { search },
      );
      const ids: string[] = data.contacts.edges.map((edge: { node: { id: string } }) => edge.node.id);
      const owners = await t.db.models.contact.findMany({ where: { id: { in: ids } }, select: { workspaceId: true } });
      expect(new Set(owners.map((owner) => owner.workspaceId))).toEqual(new Set(ids.length ? [b.workspaceId] : []));
      // All of B's matches fit in the page, so a count that included A's contact would exceed it.
      expect(data.contacts.totalCount).toBe(ids.length);
    }
  },
  'Query.client': async (b, a) => {
    const data = await graphql(b, 'query ($id: ID!) { client(id: $id) { id } }', { id: a.clientId });
    expect(data.client).toBeNull();
  },
  'Query.investmentEntity': async (b, a) => {
    const data = await graphql(b, 'query ($id: ID!) { investmentEntity(id: $id) { id } }', { id: a.investmentEntityId });
    expect(data.investmentEntity).toBeNull();
  },
  'Query.recentRequests': async (b) => {
    await t.requestLog.flush();
    const data = await graphql(b, '{ recentRequests(first: 100) { id } }');
    const aEntries = await t.db.models.requestLog.findMany({ where: { workspaceId: t.workspaceId }, select: { id: true } });
    expect(aEntries.length).toBeGreaterThan(0);
    const seen = new Set(data.recentRequests.map((entry: { id: string }) => entry.id));
    expect(aEntries.filter((entry) => seen.has(entry.id))).toEqual([]);
  },
  'Query.contactChanges': async (b, a, own) => {
    const aChanges = await t.db.models.contactChange.findMany({ where: { workspaceId: t.workspaceId }, select: { id: true } });
    expect(aChanges.length).toBeGreaterThan(0);
    const data = await graphql(b, '{ contactChanges(first: 100) { edges { node { id contactId } } } }');
    const nodes: { id: string; contactId: string }[] = data.contactChanges.edges.map((edge: { node: object }) => edge.node);
    expect(nodes.map((node) => node.contactId)).toContain(own.contactId);
    expect(nodes.filter((node) => node.contactId === a.contactId || aChanges.some((change) => change.id === node.id))).toEqual([]);
    // Contact.history: B's contact shows B's changes, and A's contact is not B's to reach.
    const history = await graphql(b, 'query ($id: ID!) { contact(id: $id) { history { edges { node { contactId } } } } }', { id: own.contactId });
    expect(history.contact.history.edges.map((edge: { node: { contactId: string } }) => edge.node.contactId)).toEqual([own.contactId]);
  },
  'Mutation.upsertContact': async (b, a) => {
    // Matching by A's trackingId, then by A's email alone: both only ever find B's own contact.
    for (const input of [{ trackingId: a.trackingId, email: a.email, firstName: 'B', lastName: 'B' }, { email: a.email, firstName: 'B', lastName: 'B' }]) {
      const data = await graphql(
        b,
        'mutation ($input: UpsertContactInput!) { upsertContact(input: $input) { __typename ... on UpsertContactSuccess { contact { id } } } }',
        { input },
      );
      expect(data.upsertContact.__typename).toBe('UpsertContactSuccess');
      expect(data.upsertContact.contact.id).not.toBe(a.contactId);
    }
  },
  'Mutation.upsertContacts': async (b, a) => {
    const inputs = [
      { trackingId: a.trackingId, firstName: 'B', lastName: 'B', email: a.email },
      { email: a.email.toUpperCase(), firstName: 'B', lastName: 'B' },
    ];
    const data = await graphql(
      b,
      'mutation ($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { results { __typename ... on UpsertContactSuccess { contact { id } } } } }',
      { inputs },
    );
    expect(data.upsertContacts.results.map((result: { __typename: string }) => result.__typename)).toEqual(['UpsertContactSuccess', 'UpsertContactSuccess']);
    expect(contactIdsOf(data.upsertContacts.results)).not.toContain(a.contactId);
  },
  'Mutation.updateContact': async (b, a) => {
    const data = await graphql(
      b,
      'mutation ($id: ID!) { updateContact(id: $id, input: { firstName: "Intruder", note: "was here" }) { __typename } }',
      { id: a.contactId },
    );
    notFound(data.updateContact);
  },
  'Mutation.deleteContact': async (b, a) => {
    const data = await graphql(b, 'mutation ($id: ID!) { deleteContact(id: $id) { __typename } }', { id: a.contactId });
    notFound(data.deleteContact);
  },
  'Query.webhookEndpoints': async (b, a) => {
    const data = await graphql(b, '{ webhookEndpoints { id deliveries(first: 100) { id } } }');
    expect(data.webhookEndpoints.map((endpoint: { id: string }) => endpoint.id)).not.toContain(a.webhookEndpointId);
    const aDeliveries = await t.db.models.webhookDelivery.findMany({ where: { workspaceId: t.workspaceId }, select: { id: true } });
    expect(aDeliveries.length).toBeGreaterThan(0);
    const seen = new Set(data.webhookEndpoints.flatMap((endpoint: { deliveries: { id: string }[] }) => endpoint.deliveries.map((d) => d.id)));
    expect(aDeliveries.filter((delivery) => seen.has(delivery.id))).toEqual([]);
  },
  'Mutation.createWebhookEndpoint': async (b) => {
    // A public address as a literal: no name to resolve.
    const data = await graphql(
      b,
      'mutation { createWebhookEndpoint(input: { url: "https://93.184.215.14/b-hook" }) { __typename ... on CreateWebhookEndpointSuccess { endpoint { id } } } }',
    );
    const created = await t.db.models.webhookEndpoint.findUniqueOrThrow({ where: { id: data.createWebhookEndpoint.endpoint.id } });
    expect(created.workspaceId).toBe(b.workspaceId);
    // B's changes go to B's endpoint only (A's deliveries are in the snapshot that must not change).
    await graphql(b, 'mutation { upsertContact(input: { email: "hook@b.example.com", firstName: "B", lastName: "Hook" }) { __typename } }');
    const owed = await graphql(b, '{ webhookEndpoints { deliveries { eventType status } } }');
    expect(owed.webhookEndpoints).toEqual([{ deliveries: [{ eventType: 'contact.created', status: 'PENDING' }] }]);
    await t.db.webhooks.enqueueOwed();
    const deliveries = await t.db.models.webhookDelivery.findMany({ where: { endpointId: created.id }, select: { workspaceId: true } });
    expect(deliveries.map((delivery) => delivery.workspaceId)).toEqual([b.workspaceId]);
  },
  'Mutation.deleteWebhookEndpoint': async (b, a) => {
    const data = await graphql(b, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename } }', { id: a.webhookEndpointId });
    notFound(data.deleteWebhookEndpoint);
  },
  'Mutation.createClient': async (b) => {
    const data = await graphql(b, 'mutation { createClient(input: { name: "B client" }) { __typename ... on CreateClientSuccess { client { id } } } }');
    const created = await t.db.models.client.findUniqueOrThrow({ where: { id: data.createClient.client.id } });
    expect(created.workspaceId).toBe(b.workspaceId);
  },
  'Mutation.createInvestmentEntity': async (b) => {
    const data = await graphql(
      b,
      'mutation { createInvestmentEntity(input: { name: "B fund" }) { __typename ... on CreateInvestmentEntitySuccess { investmentEntity { id } } } }',
    );
    const created = await t.db.models.investmentEntity.findUniqueOrThrow({ where: { id: data.createInvestmentEntity.investmentEntity.id } });
    expect(created.workspaceId).toBe(b.workspaceId);
  },
  'Mutation.assignContactToClient': assignmentCase('assignContactToClient'),
  'Mutation.unassignContactFromClient': assignmentCase('unassignContactFromClient'),
  'Mutation.assignContactToInvestmentEntity': assignmentCase('assignContactToInvestmentEntity'),
  'Mutation.unassignContactFromInvestmentEntity': assignmentCase('unassignContactFromInvestmentEntity'),
};

const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
  type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
);

/** Everything of A's, with its assignments: what no case may change. */
const snapshotOfA = () => {
  const where = { workspaceId: t.workspaceId };
  const orderBy = { id: 'asc' as const };
  return Promise.all([
    t.db.models.contact.findMany({
      where,
      orderBy,
      include: { clients: { select: { id: true } }, investmentEntities: { select: { id: true } } },
    }),
    t.db.models.client.findMany({ where, orderBy }),
    t.db.models.investmentEntity.findMany({ where, orderBy }),
    t.db.models.contactChange.findMany({ where, orderBy: { position: 'asc' } }),
    t.db.models.webhookEndpoint.findMany({ where, orderBy }),
    t.db.models.webhookDelivery.findMany({ where, orderBy }),
  ]);
};

async function seed(): Promise<{ b: WorkspaceClient; a: Target; own: Own }> {
  const { models: prisma } = t.db;
  const organisations = async (workspaceId: string) => ({
    clientId: (await prisma.client.create({ data: { workspaceId, name: 'Acme' } })).id,
    investmentEntityId: (await prisma.investmentEntity.create({ data: { workspaceId, name: 'Fund' } })).id,
  });
  const contactOf = async (workspaceId: string, trackingId: string, email: string, { clientId, investmentEntityId }: Awaited<ReturnType<typeof organisations>>) => {
    const { contact } = await upsertContact(t.db.contacts, workspaceId, { trackingId, email, firstName: 'Ada', lastName: 'Lovelace' });
    await prisma.contact.update({
      where: { id: contact.id },
      data: { clients: { connect: { id: clientId } }, investmentEntities: { connect: { id: investmentEntityId } } },
    });
    return contact.id;
  };

  const aOrganisations = await organisations(t.workspaceId);
  // A's endpoint, made before A's contact so that A has a delivery owed to it.
  const { id: webhookEndpointId } = await prisma.webhookEndpoint.create({
    data: { workspaceId: t.workspaceId, url: 'https://a.example.com/hook', secret: 'whsec_not-a-real-secret' },
  });
  const a = { trackingId: 'crm-1', email: 'ada@example.com', ...aOrganisations, webhookEndpointId, contactId: '' };
  a.contactId = await contactOf(t.workspaceId, a.trackingId, a.email, aOrganisations);
  await t.db.webhooks.enqueueOwed();
  // A's own requests, so that the request log has something B must not see.
  await t.run(ContactById, { id: a.contactId });

  const b = await t.addWorkspace('B');
  const bOrganisations = await organisations(b.workspaceId);
  const own = { ...bOrganisations, contactId: await contactOf(b.workspaceId, 'crm-b', 'b@example.com', bOrganisations) };
  return { b, a, own };
}

describe('isolation between workspaces', () => {
  it('has a case for every root field of the schema', () => {
    expect(rootFields.filter((field) => !(field in cases))).toEqual([]);
  });

  const built = Object.entries(cases).filter(([field]) => rootFields.includes(field));
  let fixture: Awaited<ReturnType<typeof seed>>;

  it.each(built)("%s: B cannot read, match, change or assign A's data", async (_field, run) => {
    fixture ??= await seed();
    const before = await snapshotOfA();
    await run(fixture.b, fixture.a, fixture.own);
    expect(await snapshotOfA()).toEqual(before);
  });

  it('lets two workspaces hold the same trackingId and email independently', async () => {
    fixture ??= await seed();
    const c = await t.addWorkspace('C');
    const input = { trackingId: fixture.a.trackingId, email: fixture.a.email.toUpperCase(), firstName: 'C', lastName: 'C' };
    const data = await graphql(
      c,
      'mutation ($input: UpsertContactInput!) { upsertContact(input: $input) { __typename ... on UpsertContactSuccess { result contact { id } } } }',
      { input },
    );
    expect(data.upsertContact.result).toBe('CREATED');
    expect(data.upsertContact.contact.id).not.toBe(fixture.a.contactId);
    const holders = await t.db.models.contact.findMany({ where: { trackingId: fixture.a.trackingId, emailKey: fixture.a.email } });
    expect(holders.map((contact) => contact.workspaceId)).toEqual(expect.arrayContaining([t.workspaceId, c.workspaceId]));
  });
});
