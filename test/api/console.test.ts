/**
 * GET /console over HTTP: what its responses promise a browser (policy, types,
 * caching), that its own refreshes stay out of the request log and nothing else
 * does, and that durations come out to 0.1 ms. The page itself: test/browser/console.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { roundDurationMs } from '../../src/request-log/duration.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const files = [
  { path: '/console', type: /^text\/html; charset=utf-8$/ },
  { path: '/console/console.js', type: /^text\/javascript; charset=utf-8$/ },
  { path: '/console/console.css', type: /^text\/css; charset=utf-8$/ },
  { path: '/console/icon.svg', type: /^image\/svg\+xml$/ },
];

/** The policy's directives by name. */
function policyOf(response: Response): Map<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('GET /console and its files', () => {
  it.each(files)('$path: its type, no sniffing, no framing, only its own origin, revalidated', async ({ path, type }) => {
    const response = await t.app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(Object.fromEntries(policyOf(response))).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('answers a revalidation of an unchanged file with 304 and no body', async () => {
    const first = await t.app.request('/console/console.js');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await t.app.request('/console/console.js', { headers: { 'if-none-match': tag! } });
    expect([again.status, await again.text(), again.headers.get('cache-control')]).toEqual([304, '', 'no-cache']);
  });

  it('is a page whose script and style are files of its own, with nothing inline and nothing from elsewhere', async () => {
    const html = await (await t.app.request('/console')).text();
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/console/console.js">']);
    expect(html).toContain('<link rel="stylesheet" href="/console/console.css" />');
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('asks for no key to load, and the key form sends nothing anywhere by itself', async () => {
    const html = await (await t.app.request('/console')).text();
    expect(html).toMatch(/<form id="key-form" method="post"/);
    expect(html).not.toMatch(/<form[^>]*action=/);
  });
});

const consoleRefresh = 'query ConsoleRecentRequests { recentRequests(first: 100) { id durationMs } }';

async function graphql(query: string) {
  const response = await t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { data: Record<string, unknown>; errors?: unknown };
}

const loggedOperations = async () => {
  await t.requestLog.flush();
  const rows = await t.db.models.requestLog.findMany({ where: { workspaceId: t.workspaceId }, select: { operationName: true } });
  return rows.map(({ operationName }) => operationName);
};

describe("the console's refresh and the request log", () => {
  it('leaves the refresh out, and records what only borrows its name or asks the same under another', async () => {
    const before = await loggedOperations();
    await graphql(consoleRefresh);
    await graphql('query ConsoleRecentRequests { recentRequests(first: 1) { id } contacts(first: 1) { totalCount } }');
    await graphql('query MyRecentRequests { recentRequests(first: 1) { id } }');
    await graphql('query ConsoleRecentRequests { ...Log } fragment Log on Query { recentRequests(first: 1) { id } }');
    expect((await loggedOperations()).slice(before.length).sort()).toEqual(['ConsoleRecentRequests', 'ConsoleRecentRequests', 'MyRecentRequests']);
  });

  it("leaves the deliveries tab's refresh out too, and records each name asking for the other's field", async () => {
    const before = await loggedOperations();
    await graphql('query ConsoleWebhookDeliveries { webhookEndpoints { id url enabled deliveries(first: 20) { id status } } }');
    await graphql('query ConsoleWebhookDeliveries { webhookEndpoints { id } contacts(first: 1) { totalCount } }');
    await graphql('query ConsoleWebhookDeliveries { recentRequests(first: 1) { id } }');
    await graphql('query ConsoleRecentRequests { webhookEndpoints { id } }');
    await graphql('query MyWebhookDeliveries { webhookEndpoints { id } }');
    expect((await loggedOperations()).slice(before.length).sort()).toEqual([
      'ConsoleRecentRequests',
      'ConsoleWebhookDeliveries',
      'ConsoleWebhookDeliveries',
      'MyWebhookDeliveries',
    ]);
  });
});

describe('RequestLogEntry.durationMs', () => {
  it('is rounded to 0.1 ms', () => {
    expect([roundDurationMs(2.8934940000181086), roundDurationMs(0.04), roundDurationMs(0.05), roundDurationMs(1234.5678)]).toEqual([2.9, 0, 0.1, 1234.6]);
  });

  it('is stored rounded, and shown as stored', async () => {
    await graphql('query Timed { recentRequests(first: 1) { id } }');
    await t.requestLog.flush();
    const { recentRequests } = (await graphql(consoleRefresh)).data as { recentRequests: { id: string; durationMs: number }[] };
    const stored = await t.db.models.requestLog.findMany({ where: { workspaceId: t.workspaceId }, select: { id: true, durationMs: true } });
    expect(recentRequests.length).toBeGreaterThan(0);
    for (const { id, durationMs } of recentRequests) {
      expect(durationMs).toBe(roundDurationMs(durationMs));
      expect(stored.find((row) => row.id === id)?.durationMs).toBe(durationMs);
    }
  });

  it('is shown rounded for an entry stored with more digits', async () => {
    await t.db.requestLog.insert([
      { id: 'unrounded-entry', workspaceId: t.workspaceId, time: new Date(Date.now() + 60_000), method: 'POST', path: '/graphql', operationName: 'Old', status: 200, userAgent: null, durationMs: 2.8934940000181086 },
    ]);
    const { recentRequests } = (await graphql(consoleRefresh)).data as { recentRequests: { id: string; durationMs: number }[] };
    expect(recentRequests[0]).toEqual({ id: 'unrounded-entry', durationMs: 2.9 });
  });
});
