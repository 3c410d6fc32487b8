/**
 * GraphiQL in a real browser (headless Chromium), with every request that leaves
 * the server blocked: it loads, explains the key, and runs the README's mutation
 * once the key is in its Headers tab.
 *
 * Chromium as test/support/browser.ts runs it.
 */
import type { Server } from 'node:http';
import { parse, print } from 'graphql';
import { type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, runBrowserSuites, serveApp } from '../support/browser.js';
import { exampleOperation } from '../../src/graphql/example-operation.js';
import { startTestApp, type TestApp } from '../support/app.js';

if (!runBrowserSuites) console.warn(`Skipping the GraphiQL browser test. ${chromiumMissing}`);

describe.skipIf(!runBrowserSuites)('GraphiQL in Chromium', () => {
  let t: TestApp;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  /** Every URL the page tried to reach outside the server (all of them blocked). */
  const outside: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ({ server, origin } = await serveApp(t.app));
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.drop();
  });

  /** The next GraphQL POST the page sends whose query contains `marker`, with its answer. */
  async function graphqlPost(marker: string, act: () => Promise<void>) {
    const isIt = (request: Request) => request.method() === 'POST' && request.url() === `${origin}/graphql` && (request.postData() ?? '').includes(marker);
    const [response] = await Promise.all([page.waitForResponse((response) => isIt(response.request())), act()]);
    return { request: response.request().postDataJSON() as { query: string }, status: response.status(), body: (await response.json()) as unknown };
  }

  /**
   * Replaces an editor's whole text as a person pasting it would: select all, Ctrl+V.
   * (Typed key by key, the editor's auto-closing and auto-indenting would change it.)
   */
  async function pasteInto(editor: string, text: string) {
    await page.evaluate((copied) => navigator.clipboard.writeText(copied), text);
    await page.locator(`${editor} .monaco-editor`).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
  }

  /** How long the page may take to show what it was sent (the test's own timeout bounds it too). */
  const rendered = { timeout: 20_000 };
  const headersEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
  /** What an editor or pane shows, its spacing (non-breaking in Monaco) and wrapping made plain. */
  const textOf = async (selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ');
  const responseText = () => textOf('.graphiql-response');

  it('opens on the example and the key placeholder, with the schema loaded without a key', async () => {
    const introspection = await graphqlPost('__schema', async () => {
      await page.goto(`${origin}/graphql`);
    });
    expect([introspection.status, (introspection.body as { errors?: unknown }).errors]).toEqual([200, undefined]);
    await expect.poll(() => textOf('.graphiql-query-editor'), rendered).toContain('paste it into the Headers');
    await expect.poll(() => textOf(headersEditor), rendered).toContain('<paste your API key here>');
    // The first screen holds no error: the result pane is empty.
    expect((await responseText()).trim()).toBe('');
  });

  it('shows the missing key as a GraphQL error that says where to put it', async () => {
    const run = await graphqlPost('UpsertFirstContact', () => page.locator('.graphiql-execute-button').click());
    expect(run.status).toBe(401);
    await expect.poll(responseText, rendered).toContain('UNAUTHENTICATED');
    expect(await responseText()).toContain('Headers tab');
    expect(await responseText()).not.toContain('Unexpected');
  });

  it('runs the README mutation, pasted in, with the key in the Headers tab: CREATED', async () => {
    await pasteInto(headersEditor, JSON.stringify({ Authorization: `Bearer ${t.apiKey}` }));
    await pasteInto('.graphiql-query-editor', exampleOperation);
    const run = await graphqlPost('UpsertFirstContact', () => page.locator('.graphiql-execute-button').click());
    // GraphiQL sends the operation compacted: the same document, without comments and spacing.
    expect(print(parse(run.request.query))).toBe(print(parse(exampleOperation)));
    expect(run.body).toMatchObject({ data: { upsertContact: { __typename: 'UpsertContactSuccess', result: 'CREATED' } } });
    await expect.poll(responseText, rendered).toContain('"CREATED"');
  });

  it('asked for nothing outside the server', () => {
    expect(outside).toEqual([]);
  });
});
