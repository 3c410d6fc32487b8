/**
 * The console (GET /console) in a real browser (headless Chromium), with every
 * request that leaves the server blocked: the key asked once and kept for the
 * session, the workspace's requests and no other's, new ones appearing by
 * themselves, the filters, the empty and wrong-key states, its policy, and a
 * page that works at 320 px, by keyboard, without console errors.
 *
 * The webhook deliveries tab likewise: reached by keyboard, the key's workspace's
 * deliveries only, updated in place, an empty state for each reason, and only the
 * tab in sight refreshed.
 *
 * Chromium as test/support/browser.ts runs it.
 */
import type { Server } from 'node:http';
import { parse, validate } from 'graphql';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, runBrowserSuites, serveApp } from '../support/browser.js';
import { schema } from '../../src/graphql/schema/index.js';
import { expectType, startTestApp, type TestApp, type WorkspaceClient } from '../support/app.js';
import { CreateWebhookEndpoint, UpsertContact, WebhookEndpoints } from '../support/documents.js';

if (!runBrowserSuites) console.warn(`Skipping the console browser test. ${chromiumMissing}`);

/** A zone far from the server's and with a 45-minute offset: times shown in it cannot be UTC by chance. */
const timezoneId = 'Pacific/Chatham';
const locale = 'en-GB';
const wrongKeyMessage = 'That API key is not valid: it is mistyped, unknown or revoked.';

describe.skipIf(!runBrowserSuites)('the console in Chromium', () => {
  let t: TestApp;
  let other: WorkspaceClient;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  /** Every URL the page tried to reach outside the server (all of them blocked). */
  const outside: string[] = [];
  /** Every URL the page asked the server for. */
  const asked: string[] = [];
  /** The operation name of every GraphQL request the page sent, in order. */
  const operations: string[] = [];
  /** What the page logged as an error, and what it threw. */
  const errors: string[] = [];

  beforeAll(async () => {
    // The endpoints' URLs are loopback ones, never called: no delivery worker runs here.
    t = await startTestApp({ webhookRules: { allowPrivate: true } });
    other = await t.addWorkspace('Other');
    ({ server, origin } = await serveApp(t.app));
    browser = await launchChromium();
    const context = await browser.newContext({ timezoneId, locale });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        asked.push(url);
        const body: unknown = route.request().postDataJSON();
        if (new URL(url).pathname === '/graphql' && body && typeof body === 'object' && 'operationName' in body) operations.push(String(body.operationName));
        return route.continue();
      }
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.drop();
  });

  /** How long the page may take to show what happened (it refreshes every few seconds; the test's own timeout bounds it too). */
  const shown = { timeout: 20_000 };
  const visibleRows = () => page.locator('#request-rows tr:visible');
  const rowTexts = async () => (await visibleRows().allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
  const statusLine = () => page.locator('#status-line').innerText();
  const storedKey = () => page.evaluate(() => sessionStorage.getItem('contacts-api.console.key'));

  /** Types the key and presses Enter, as a person at the keyboard would. */
  async function enterKey(key: string) {
    await page.locator('#api-key').focus();
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
  }

  const graphqlAs = (client: WorkspaceClient, query: string, userAgent: string) =>
    client.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent }, body: JSON.stringify({ query }) });

  it('opens on the key form, under a policy of its own origin only, not framable', async () => {
    const response = await page.goto(`${origin}/console`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), shown).toBe('api-key');
    expect(await page.locator('#workspace').isHidden()).toBe(true);
  });

  it('says in one sentence that a wrong key is wrong, and keeps nothing', async () => {
    await enterKey('cak_wrong');
    await expect.poll(() => page.locator('#key-error').innerText(), shown).toBe(wrongKeyMessage);
    expect(await page.locator('#key-form').isVisible()).toBe(true);
    expect(await storedKey()).toBeNull();
  });

  it('shows one sentence and a curl example while the workspace has no requests', async () => {
    const empty = await t.addWorkspace('Empty');
    await enterKey(empty.apiKey);
    await expect.poll(() => page.locator('#empty').isVisible(), shown).toBe(true);
    expect(await page.locator('#empty p').innerText()).toBe('No requests yet: send one with this key and it appears here within seconds, for example:');
    const curl = await page.locator('#curl-example').innerText();
    expect(curl).toContain(`curl ${origin}/graphql`);
    expect(curl).toContain('Authorization: Bearer $CONTACTS_API_KEY');
    expect(curl).not.toContain(empty.apiKey);
    await page.locator('#forget-key').click();
    await expect.poll(() => page.locator('#key-form').isVisible(), shown).toBe(true);
    expect(await storedKey()).toBeNull();
  });

  it("shows the key's workspace's requests, newest first, in the viewer's time zone; never another workspace's", async () => {
    expect((await graphqlAs(t, 'query FirstLook { recentRequests(first: 1) { id } }', 'crm-sync/2.1')).status).toBe(200);
    expect((await t.request('/api/v1/idm/contacts/upsert', { method: 'POST', headers: { 'user-agent': 'rest-client/1.0' }, body: '{}' })).status).toBe(400);
    expect((await graphqlAs(other, 'query OtherWorkspace { recentRequests(first: 1) { id } }', 'other-workspace/1.0')).status).toBe(200);
    await t.requestLog.flush();

    await enterKey(t.apiKey);
    await expect.poll(rowTexts, shown).toHaveLength(2);
    const [rest, first] = await rowTexts();
    expect(rest).toContain('POST /api/v1/idm/contacts/upsert');
    expect(rest).toContain('400');
    expect(rest).toContain('rest-client/1.0');
    expect(first).toContain('FirstLook');
    expect(first).toContain('200');
    expect(first).toContain('crm-sync/2.1');
    expect(first).toMatch(/\d+(\.\d)? ms/);
    expect(await page.locator('#requests').innerText()).not.toContain('other-workspace');
    // The status's class is in its colour, and its number says it too.
    expect(await page.locator('#request-rows .status-4xx').innerText()).toBe('400');

    const time = page.locator('#request-rows tr time').first();
    const iso = (await time.getAttribute('datetime'))!;
    const local = new Intl.DateTimeFormat(locale, { timeZone: timezoneId, dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
    expect(await time.innerText()).toBe(local);

    expect(await storedKey()).toBe(t.apiKey);
    expect(asked.filter((url) => url.includes(t.apiKey))).toEqual([]);
    expect(page.url()).toBe(`${origin}/console`);
  });

  it('shows a request made after the page opened by itself, keeping the rows it has, and not its own refreshes', async () => {
    const oldest = await page.locator('#request-rows tr').last().elementHandle();
    expect((await graphqlAs(t, 'query LateComer { recentRequests(first: 1) { id } }', 'late-client/3.0')).status).toBe(200);
    expect((await graphqlAs(other, 'query OtherLater { recentRequests(first: 1) { id } }', 'other-workspace/1.0')).status).toBe(200);
    await t.requestLog.flush();
    await expect.poll(async () => (await rowTexts())[0] ?? '', shown).toContain('late-client/3.0');
    // Added to the table, not redrawn: the rows already there are the same elements.
    expect(await oldest!.evaluate((row) => row.isConnected)).toBe(true);
    expect(await rowTexts()).toHaveLength(3);
    const table = await page.locator('#requests').innerText();
    expect(table).not.toContain('other-workspace');
    expect(table).not.toContain('ConsoleRecentRequests');
  });

  it('filters by status class and by text', async () => {
    await page.locator('#status-filter').selectOption('4');
    expect(await rowTexts()).toHaveLength(1);
    expect((await rowTexts())[0]).toContain('400');
    expect(await statusLine()).toBe('1 of 3 requests match the filter.');
    await page.locator('#status-filter').selectOption('5');
    expect(await rowTexts()).toEqual([]);
    expect(await page.locator('#no-match').innerText()).toBe('No request matches the filter.');
    await page.locator('#status-filter').selectOption('2');
    await page.locator('#text-filter').fill('CRM-SYNC');
    expect(await rowTexts()).toHaveLength(1);
    expect((await rowTexts())[0]).toContain('FirstLook');
    await page.locator('#text-filter').fill('');
    await page.locator('#status-filter').selectOption('');
    expect(await rowTexts()).toHaveLength(3);
    expect(await statusLine()).toBe('3 requests, newest first.');
  });

  it('keeps the key through a reload, and forgets it when asked', async () => {
    await page.reload();
    await expect.poll(rowTexts, shown).toHaveLength(3);
    await page.locator('#forget-key').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#key-form').isVisible(), shown).toBe(true);
    expect(await storedKey()).toBeNull();
    expect(await page.locator('#request-rows tr').count()).toBe(0);
  });

  it('is readable at 320 px: nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await enterKey(t.apiKey);
    await expect.poll(rowTexts, shown).toHaveLength(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // Each cell says which column it is, as the header row is not shown.
    expect(await page.locator('#request-rows td').first().evaluate((cell) => getComputedStyle(cell, '::before').content)).toBe('"Time"');
  });

  it('keeps the row being read where it is on the screen while new rows arrive above it', async () => {
    const reading = page.locator('#request-rows tr').last();
    await reading.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 100));
    const before = (await reading.boundingBox())!.y;
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await graphqlAs(t, 'query WhileReading { recentRequests(first: 1) { id } }', 'while-reading/1.0')).status).toBe(200);
    await t.requestLog.flush();
    await expect.poll(rowTexts, shown).toHaveLength(4);
    // To the pixel: the row above it is over a hundred.
    expect(Math.abs((await reading.boundingBox())!.y - before)).toBeLessThan(1);
  });

  const tab = (name: 'requests' | 'deliveries') => page.locator(`#${name}-tab`);
  const focused = () => page.evaluate(() => document.activeElement?.id);
  /** Which tab is selected, which one Tab reaches, and which panel shows. */
  const tabState = () =>
    page.evaluate(() =>
      ['requests', 'deliveries'].map((name) => ({
        name,
        selected: document.getElementById(`${name}-tab`)!.getAttribute('aria-selected'),
        tabIndex: document.getElementById(`${name}-tab`)!.tabIndex,
        shown: !document.getElementById(`${name}-panel`)!.hidden,
      })),
    );
  const selectedIs = (name: string) =>
    ['requests', 'deliveries'].map((each) => ({ name: each, selected: String(each === name), tabIndex: each === name ? 0 : -1, shown: each === name }));
  const deliveryRows = () => page.locator('#delivery-rows tr');
  const deliveryTexts = async () => (await deliveryRows().allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
  const deliveriesStatusLine = () => page.locator('#deliveries-status-line').innerText();

  /**
   * Every operation the page asked for from the start of its next refresh of `name` to the
   * one after: a refresh under way before the switch is asked before the first, so it is not among them.
   */
  async function askedAcrossOneRefresh(name: string) {
    const start = operations.length;
    await expect.poll(() => operations.slice(start).includes(name), shown).toBe(true);
    const from = operations.length;
    await expect.poll(() => operations.slice(from).includes(name), shown).toBe(true);
    return operations.slice(from);
  }

  it('switches between its views by keyboard: arrows, Home and End move and select, Tab goes into the panel', async () => {
    expect(await tabState()).toEqual(selectedIs('requests'));
    expect(await page.locator('[role="tablist"] [role="tab"]').count()).toBe(2);
    await tab('requests').focus();
    for (const [key, name] of [['ArrowRight', 'deliveries'], ['ArrowRight', 'requests'], ['ArrowLeft', 'deliveries'], ['Home', 'requests'], ['End', 'deliveries']] as const) {
      await page.keyboard.press(key);
      expect(await focused()).toBe(`${name}-tab`);
      expect(await tabState()).toEqual(selectedIs(name));
    }
    for (const name of ['requests', 'deliveries']) {
      expect(await page.locator(`#${name}-panel`).getAttribute('aria-labelledby')).toBe(`${name}-tab`);
      expect(await tab(name as 'requests' | 'deliveries').getAttribute('aria-controls')).toBe(`${name}-panel`);
    }
    // The tablist is one stop: Tab leaves it for the panel shown.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('deliveries-panel');
  });

  it('says how to make an endpoint while the workspace has none, with a mutation the API takes', async () => {
    await expect.poll(() => page.locator('#no-endpoints').isVisible(), shown).toBe(true);
    expect(await page.locator('#no-endpoints p').innerText()).toBe(
      'No webhook endpoints yet: create one with this mutation (in GraphiQL at /graphql, say), and every change to a contact is sent to it:',
    );
    const example = await page.locator('#endpoint-example').innerText();
    expect(example).toContain('createWebhookEndpoint');
    expect(validate(schema, parse(example))).toEqual([]);
    expect(await page.locator('#deliveries').isHidden()).toBe(true);
    expect(await page.locator('#no-deliveries').isHidden()).toBe(true);
  });

  it('says that deliveries are yet to come while the endpoints have none', async () => {
    expectType((await t.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/console-hook' } })).createWebhookEndpoint, 'CreateWebhookEndpointSuccess');
    await expect.poll(() => page.locator('#no-deliveries').isVisible(), shown).toBe(true);
    expect(await page.locator('#no-deliveries').innerText()).toBe(
      'No deliveries yet: the next change to a contact is sent to each enabled endpoint and appears here within seconds.',
    );
    expect(await page.locator('#no-endpoints').isHidden()).toBe(true);
    expect(await deliveriesStatusLine()).toBe('1 endpoint, 0 deliveries, newest first.');
  });

  it("shows the key's workspace's deliveries with the next attempt in the viewer's time zone; never another workspace's", async () => {
    expectType((await other.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/other-workspace' } })).createWebhookEndpoint, 'CreateWebhookEndpointSuccess');
    expectType((await other.run(UpsertContact, { input: { trackingId: 'other-1', email: 'other@example.com', firstName: 'Other', lastName: 'Person' } })).upsertContact, 'UpsertContactSuccess');
    expectType((await t.run(UpsertContact, { input: { trackingId: 'console-1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' } })).upsertContact, 'UpsertContactSuccess');
    const [delivery] = (await t.run(WebhookEndpoints, {})).webhookEndpoints[0]!.deliveries;

    await expect.poll(deliveryTexts, shown).toHaveLength(1);
    const [row] = await deliveryTexts();
    expect(row).toContain('http://127.0.0.1:9/console-hook');
    expect(row).toContain(`contact.created …${delivery!.eventId.slice(-8)}`);
    expect(await page.locator('#delivery-rows .delivery-pending').innerText()).toBe('PENDING');
    expect(await page.locator('#delivery-rows td[data-label="Attempts"]').innerText()).toBe('0');
    expect(await page.locator('#delivery-rows td[data-label="Last response"]').innerText()).toBe('—');
    const next = page.locator('#delivery-rows td[data-label="Next attempt"] time');
    expect(await next.getAttribute('datetime')).toBe(delivery!.nextAttemptAt);
    const local = new Intl.DateTimeFormat(locale, { timeZone: timezoneId, dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(delivery!.nextAttemptAt!));
    expect(await next.innerText()).toBe(local);
    expect(await page.locator('#deliveries').innerText()).not.toContain('other-workspace');
    expect(await deliveriesStatusLine()).toBe('1 endpoint, 1 delivery, newest first.');
    // Still 320 px wide: a long URL wraps rather than widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('adds new deliveries above, updates a delivery in place as it changes, and marks a disabled endpoint', async () => {
    const createdRow = await deliveryRows().first().elementHandle();
    expectType((await t.run(UpsertContact, { input: { trackingId: 'console-1', title: 'Countess' } })).upsertContact, 'UpsertContactSuccess');
    await expect.poll(async () => (await deliveryTexts())[0] ?? '', shown).toContain('contact.updated');
    expect(await deliveryTexts()).toHaveLength(2);
    expect(await createdRow!.evaluate((tr) => tr.isConnected && tr.textContent?.includes('contact.created'))).toBe(true);

    // As the worker would record them, once it has taken both from the feed: the update delivered,
    // the creation answered 410 Gone, which fails it for good and disables the endpoint.
    expect(await t.db.webhooks.enqueueOwed()).toBe(3); // these two, and the other workspace's one
    const [endpoint] = await t.db.models.webhookEndpoint.findMany({ where: { workspaceId: t.workspaceId } });
    const attempted = (eventType: string, outcome: { status: string; responseStatus: number }) =>
      t.db.models.webhookDelivery.updateMany({ where: { endpointId: endpoint!.id, eventType }, data: { ...outcome, attempts: 1, lastAttemptAt: new Date(), nextAttemptAt: null } });
    await attempted('contact.updated', { status: 'SUCCEEDED', responseStatus: 200 });
    await attempted('contact.created', { status: 'FAILED', responseStatus: 410 });
    await t.db.models.webhookEndpoint.update({ where: { id: endpoint!.id }, data: { enabled: false } });

    await expect.poll(() => createdRow!.evaluate((tr) => tr.isConnected && tr.querySelector('.delivery-failed')?.textContent), shown).toBe('FAILED');
    await expect.poll(() => page.locator('#delivery-rows .delivery-succeeded').allInnerTexts(), shown).toEqual(['SUCCEEDED']);
    const cells = await createdRow!.evaluate((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent])));
    expect(cells).toMatchObject({ Attempts: '1', 'Next attempt': '—', 'Last response': '410' });
    expect(await createdRow!.evaluate((tr) => tr.querySelector('.status-4xx')?.textContent)).toBe('410');
    await expect.poll(() => page.locator('#delivery-rows .mark').allInnerTexts(), shown).toEqual(['disabled', 'disabled']);
  });

  it('refreshes only the view in sight', async () => {
    expect(await tabState()).toEqual(selectedIs('deliveries'));
    expect(new Set(await askedAcrossOneRefresh('ConsoleWebhookDeliveries'))).toEqual(new Set(['ConsoleWebhookDeliveries']));
    await tab('requests').click();
    expect(await tabState()).toEqual(selectedIs('requests'));
    expect(new Set(await askedAcrossOneRefresh('ConsoleRecentRequests'))).toEqual(new Set(['ConsoleRecentRequests']));
  });

  it('logged no error and asked for nothing outside the server', () => {
    // Chromium itself notes each 4xx answer to a fetch in the console: the wrong key's 401, once, is all there is.
    expect(errors).toEqual([`Failed to load resource: the server responded with a status of 401 (Unauthorized) (${origin}/graphql)`]);
    expect(outside).toEqual([]);
    expect(asked.filter((url) => url.includes(t.apiKey))).toEqual([]);
  });
});
