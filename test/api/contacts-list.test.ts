/** contacts(first, after, search): a cursor connection over the workspace's contacts. */
import { describe, expect, it } from 'vitest';
import { emailKey } from '../../src/contacts/fields.js';
import { searchTextOf } from '../../src/contacts/search.js';
import { defaultPageSize, maxPageSize } from '../../src/graphql/schema/contacts-connection.js';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { graphql } from '../graphql/index.js';
import { expectType, useTestApp } from '../support/app.js';
import { ContactsPage, DeleteContact, UpsertContact } from '../support/documents.js';
import { testProvider } from '../support/database.js';
import { contactInAnotherWorkspace } from '../support/other-workspace.js';

const t = useTestApp();
let serial = 0;
/** A word no other test uses: each test searches for its own contacts only. */
const tag = () => `tag${++serial}x${Math.random().toString(36).slice(2, 8)}`;

async function newContact(input: UpsertContactInput) {
  const email = input.email ?? `${tag()}@example.com`;
  const { upsertContact } = await t.run(UpsertContact, { input: { firstName: 'Ada', lastName: 'Lovelace', ...input, email } });
  return expectType(upsertContact, 'UpsertContactSuccess').contact;
}

/** Many contacts at once, the search text made as every write makes it. */
async function seed(count: number, company: string): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const fields = { email: `${company}-${i}@example.com`, firstName: 'Bulk', lastName: `Number ${i}`, company, trackingId: null };
    return { ...fields, emailKey: emailKey(fields.email), searchText: searchTextOf(fields), workspaceId: t.workspaceId };
  });
  await t.db.models.contact.createMany({ data: rows });
  const stored = await t.db.models.contact.findMany({ where: { company }, select: { id: true } });
  return stored.map(({ id }) => id).sort();
}

const ContactsBackwards = graphql(`
  query ContactsBackwards($last: Int, $before: String, $search: String) {
    contacts(last: $last, before: $before, search: $search) {
      edges {
        cursor
        node {
          id
          clients {
            id
          }
        }
      }
      pageInfo {
        hasPreviousPage
        startCursor
      }
    }
  }
`);

const page = async (variables: { first?: number; after?: string; search?: string }) => (await t.run(ContactsPage, variables)).contacts;
const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

describe('paging', () => {
  it('walks every contact once, in id (= creation) order, with a constant totalCount', async () => {
    const company = tag();
    const expected = await seed(7, company);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const connection = await page({ first: 3, after, search: company });
      expect(connection.totalCount).toBe(7);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== undefined);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      seen.push(...ids(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor!;
    }
    expect(seen).toEqual(expected);
  });

  it(`returns ${defaultPageSize} contacts without first, and at most ${maxPageSize} whatever first asks`, async () => {
    const company = tag();
    const expected = await seed(maxPageSize + 1, company);
    const byDefault = await page({ search: company });
    expect(ids(byDefault)).toEqual(expected.slice(0, defaultPageSize));
    expect(byDefault.pageInfo.hasNextPage).toBe(true);
    const capped = await page({ first: 10_000, search: company });
    expect(ids(capped)).toEqual(expected.slice(0, maxPageSize));
    expect(capped).toMatchObject({ totalCount: maxPageSize + 1, pageInfo: { hasNextPage: true } });
    const rest = await page({ first: maxPageSize, after: capped.pageInfo.endCursor!, search: company });
    expect(ids(rest)).toEqual(expected.slice(maxPageSize));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('returns an empty page for first: 0, but still counts', async () => {
    const company = tag();
    await seed(2, company);
    expect(await page({ first: 0, search: company })).toMatchObject({ edges: [], totalCount: 2, pageInfo: { hasNextPage: true } });
  });

  it('goes on past a cursor whose contact was deleted meanwhile', async () => {
    const company = tag();
    const expected = await seed(4, company);
    const first = await page({ first: 2, search: company });
    expectType((await t.run(DeleteContact, { id: expected[1]! })).deleteContact, 'DeleteContactSuccess');
    const next = await page({ first: 2, after: first.pageInfo.endCursor!, search: company });
    expect(ids(next)).toEqual(expected.slice(2));
  });

  it('refuses a negative first and a cursor it did not make, as request errors', async () => {
    const nul = Buffer.from('GPC:S:\u0000').toString('base64');
    const numeric = Buffer.from('GPC:N:5').toString('base64');
    for (const variables of [{ first: -1 }, { after: 'garbage' }, { after: nul }, { after: numeric }]) {
      const result = await t.execute(ContactsPage, variables);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.message).toMatch(/first|cursor/i);
    }
  });

  it('pages backwards with last and before', async () => {
    const company = tag();
    const expected = await seed(5, company);
    const { contacts: last } = await t.run(ContactsBackwards, { last: 2, search: company });
    expect(ids(last)).toEqual(expected.slice(3));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const { contacts: before } = await t.run(ContactsBackwards, { last: 2, before: last.pageInfo.startCursor!, search: company });
    expect(ids(before)).toEqual(expected.slice(1, 3));
  });

  it("lists only the caller's workspace", async () => {
    const other = await contactInAnotherWorkspace(t.db);
    expect((await page({ search: other.contact.email })).totalCount).toBe(0);
    const after = Buffer.from(`GPC:S:${other.contact.id}`).toString('base64');
    expect(ids(await page({ first: maxPageSize, after }))).not.toContain(other.contact.id);
  });
});

describe('search', () => {
  it('matches first and last name, email, company and trackingId, ignoring case', async () => {
    const word = tag();
    const contacts = await Promise.all([
      newContact({ firstName: `${word}First` }),
      newContact({ lastName: `Mc${word.toUpperCase()}` }),
      newContact({ email: `x.${word}@example.com` }),
      newContact({ company: `${word} Ltd` }),
      newContact({ trackingId: `CRM-${word.toUpperCase()}-1` }),
    ]);
    const found = await page({ search: word.toUpperCase() });
    expect(ids(found)).toEqual(contacts.map((contact) => contact.id).sort());
    expect(found.totalCount).toBe(5);
  });

  it('does not look in other fields', async () => {
    const word = tag();
    await newContact({ city: word, note: word, title: word, phone: word });
    expect((await page({ search: word })).totalCount).toBe(0);
  });

  it('wants every word somewhere, in any order, and ignores case beyond ASCII', async () => {
    const word = tag();
    const ada = await newContact({ firstName: 'Ádá', lastName: 'Lovelace', company: `École ${word}` });
    await newContact({ firstName: 'Ádá', lastName: 'Byron', company: `École ${word}` });
    expect(ids(await page({ search: `  LOVELACE   ${word} ÁDÁ ` }))).toEqual([ada.id]);
    expect((await page({ search: `école ${word}` })).totalCount).toBe(2);
  });

  it('takes \\ literally, and % and _ too where the database can (PostgreSQL; on SQLite they find more)', async () => {
    const word = tag();
    const [percent, , underscore, , backslash] = [
      await newContact({ company: `${word} 100%` }),
      await newContact({ company: `${word} 1000` }),
      await newContact({ company: `${word} a_b` }),
      await newContact({ company: `${word} axb` }),
      await newContact({ company: `${word} c\\d` }),
    ];
    expect(ids(await page({ search: `${word} c\\d` }))).toEqual([backslash.id]);
    for (const [search, exact] of [[`${word} 100%`, percent], [`${word} a_b`, underscore]] as const) {
      const found = ids(await page({ search }));
      if (testProvider === 'postgresql') expect(found).toEqual([exact.id]);
      else expect(found).toContain(exact.id);
    }
  });

  it('lists everything for a blank search, and nothing (without error) for what no contact can hold', async () => {
    const all = await page({ first: 0 });
    expect((await page({ first: 0, search: '   ' })).totalCount).toBe(all.totalCount);
    expect(all.totalCount).toBeGreaterThan(0);
    for (const search of ['nul\u0000byte', '\ud800']) {
      expect(await page({ search })).toMatchObject({ edges: [], totalCount: 0 });
      expect((await t.run(ContactsBackwards, { last: 1, search })).contacts.edges).toEqual([]);
    }
  });
});
