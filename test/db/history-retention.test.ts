/**
 * HISTORY_RETENTION_DAYS: changes older than the retention go, in chunks, and
 * nothing else does: newer changes, the contacts, the feed's order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pruneHistory, startHistoryRetention } from '../../src/contacts/history-retention.js';
import { upsertContacts } from '../../src/contacts/upsert.js';
import { startTestApp, type TestApp } from '../support/app.js';

const day = 24 * 60 * 60 * 1000;

describe('history retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.drop());

  /** Five changes 40 days old, then three of today; answers the ids of today's. */
  async function seed(prefix: string): Promise<string[]> {
    const { models } = t.db;
    const make = (count: number, tag: string) =>
      upsertContacts(t.db.contacts, t.workspaceId, Array.from({ length: count }, (_, i) => ({ email: `${prefix}-${tag}-${i}@example.com`, firstName: 'R', lastName: tag })));
    await make(5, 'old');
    await models.contactChange.updateMany({ where: { workspaceId: t.workspaceId }, data: { time: new Date(Date.now() - 40 * day) } });
    await make(3, 'new');
    const recent = await models.contactChange.findMany({ where: { time: { gte: new Date(Date.now() - day) } }, orderBy: { position: 'asc' } });
    return recent.map((change) => change.id);
  }

  it('deletes the changes older than the retention, chunk by chunk, and keeps the rest', async () => {
    const recent = await seed('a');
    const contactsBefore = await t.db.models.contact.count();
    expect(await pruneHistory(t.db.contacts, 30, new Date(), 2)).toBe(5);
    const left = await t.db.models.contactChange.findMany({ orderBy: { position: 'asc' } });
    expect(left.map((change) => change.id)).toEqual(recent);
    expect(await t.db.models.contact.count()).toBe(contactsBefore);
    expect(await pruneHistory(t.db.contacts, 30, new Date(), 2)).toBe(0);
  });

  it('prunes in the background until stopped, saying how many went', async () => {
    await t.db.models.contactChange.deleteMany({});
    const recent = await seed('b');
    const pruned: number[] = [];
    const retention = startHistoryRetention(t.db.contacts, {
      retentionDays: 30,
      intervalMs: 20,
      onError: (error) => {
        throw error;
      },
      onPruned: (count) => pruned.push(count),
    });
    await vi.waitFor(() => expect(pruned).toEqual([5]), { timeout: 10_000 });
    await retention.stop();
    expect((await t.db.models.contactChange.findMany({ orderBy: { position: 'asc' } })).map((change) => change.id)).toEqual(recent);
  });
});
