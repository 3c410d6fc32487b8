/**
 * Lists with their relations cost a constant number of SQL queries, whatever
 * their length: relations are loaded for the whole list, never once per row.
 */
import { describe, expect, it } from 'vitest';
import { emailKey } from '../../src/contacts/fields.js';
import { upsertContacts } from '../../src/contacts/upsert.js';
import { searchTextOf } from '../../src/contacts/search.js';
import { graphql } from '../graphql/index.js';
import { useTestApp } from '../support/app.js';

let queries = 0;
let statements: string[] = [];
/**
 * Authentication and the request log cost the same for every request, and part
 * of it happens after the response: only statements on the contact data count.
 */
const countContactData = (sql: string) => {
  if (!/ApiKey|RequestLog/.test(sql)) {
    queries++;
    statements.push(sql);
  }
};
const t = useTestApp({ database: { onQuery: countContactData } });

const ContactsWithOrganisations = graphql(`
  query ContactsWithOrganisations($first: Int!) {
    contacts(first: $first) {
      totalCount
      edges {
        node {
          id
          clients {
            id
            name
            contacts {
              id
            }
          }
          investmentEntities {
            id
            name
          }
        }
      }
    }
  }
`);

const ClientWithContacts = graphql(`
  query ClientWithContacts($id: ID!) {
    client(id: $id) {
      contacts {
        id
        clients {
          id
        }
        investmentEntities {
          id
        }
      }
    }
  }
`);

/** 100 contacts, each assigned to both clients and to one of two investment entities. */
async function seed() {
  const { models: prisma } = t.db;
  const workspaceId = t.workspaceId;
  const clients = await Promise.all(['Acme', 'Globex'].map((name) => prisma.client.create({ data: { name, workspaceId } })));
  const entities = await Promise.all(['Fund I', 'Fund II'].map((name) => prisma.investmentEntity.create({ data: { name, workspaceId } })));
  for (let i = 0; i < 100; i++) {
    const fields = { email: `contact-${i}@example.com`, firstName: 'Contact', lastName: `${i}`, company: null, trackingId: null };
    await prisma.contact.create({
      data: {
        ...fields,
        emailKey: emailKey(fields.email),
        searchText: searchTextOf(fields),
        workspaceId,
        clients: { connect: clients.map(({ id }) => ({ id })) },
        investmentEntities: { connect: { id: entities[i % 2]!.id } },
      },
    });
  }
  return clients[0]!;
}

async function countQueries(work: () => Promise<unknown>): Promise<number> {
  queries = 0;
  await work();
  return queries;
}

describe('query count', () => {
  it('is the same for a list of 100 contacts with their organisations as for 1, and small', async () => {
    const client = await seed();
    const run = (first: number) => t.run(ContactsWithOrganisations, { first });
    const [one, hundred] = [await countQueries(() => run(1)), await countQueries(() => run(100))];
    expect(hundred).toBe(one);
    expect(hundred).toBeLessThanOrEqual(5);
    // The list really held what was counted.
    const { contacts } = await run(100);
    expect(contacts.edges).toHaveLength(100);
    expect(contacts.edges.every(({ node }) => node.clients.length === 2 && node.clients[0]!.contacts.length === 100)).toBe(true);

    const byClient = await countQueries(() => t.run(ClientWithContacts, { id: client.id }));
    expect(byClient).toBeLessThanOrEqual(4);
  });

  it('reads a replayed batch of contacts known by trackingId in one query, and writes nothing', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => ({
      trackingId: `replay-${i}`,
      email: `replay-${i}@example.com`,
      firstName: 'Re',
      lastName: `Play ${i}`,
    }));
    await upsertContacts(t.db.contacts, t.workspaceId, inputs);
    statements = [];
    const outcomes = await upsertContacts(t.db.contacts, t.workspaceId, inputs);
    expect(outcomes.every((outcome) => 'changedFields' in outcome && outcome.changedFields.length === 0)).toBe(true);
    const touching = statements.filter((sql) => /^\s*(SELECT|INSERT|UPDATE|DELETE)/i.test(sql));
    expect(touching).toHaveLength(1);
    expect(touching[0]).toMatch(/"workspaceId" = \S+ AND "trackingId"/);
  });
});
