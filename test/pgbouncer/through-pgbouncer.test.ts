/**
 * The `pgbouncer` project's suites really go through PgBouncer, in transaction
 * mode: its admin console counts this suite's transactions on its database.
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { UpsertContact } from '../support/documents.js';

const t = useTestApp();

async function adminConsole<Row>(statement: string): Promise<Row[]> {
  const url = new URL(inject('pgbouncerUrl'));
  url.pathname = '/pgbouncer';
  // The admin console speaks the simple query protocol only.
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query({ text: statement, queryMode: 'simple' } as pg.QueryConfig)).rows as Row[];
  } finally {
    await client.end();
  }
}

describe('through PgBouncer', () => {
  it('runs in transaction pool mode', async () => {
    const settings = await adminConsole<{ key: string; value: string }>('SHOW CONFIG');
    expect(settings.find((row) => row.key === 'pool_mode')?.value).toBe('transaction');
  });

  it("carries the app's transactions to the suite's own database", async () => {
    const database = new URL(t.url).pathname.slice(1);
    const before = (await adminConsole<{ database: string; total_xact_count: string }>('SHOW STATS')).find((row) => row.database === database);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.run(UpsertContact, { input: { trackingId: `bounced-${i % 5}`, email: `bounced-${i % 5}@example.com`, firstName: 'Via', lastName: 'Bouncer' } }),
      ),
    );
    const after = (await adminConsole<{ database: string; total_xact_count: string }>('SHOW STATS')).find((row) => row.database === database);
    expect(Number(after?.total_xact_count)).toBeGreaterThan(Number(before?.total_xact_count ?? 0));
    expect(await t.db.models.contact.count()).toBe(5);
  });
});
