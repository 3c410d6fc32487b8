/**
 * How a request is handed to Yoga. Two ways of doing it that work just as well
 * keep every request's objects alive for longer than it lasts (see `answer` in
 * src/yoga.ts), and nothing but the garbage collector would notice.
 */
import { pino } from 'pino';
import { afterEach, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { defaultGraphQLLimits } from '../../src/graphql-limits.js';
import { answer, createGraphQLHandler, type RequestContext } from '../../src/yoga.js';

const yoga = createGraphQLHandler({ logger: pino({ level: 'silent' }), upserts: { observeUpserts() {} }, limits: defaultGraphQLLimits });
afterEach(() => vi.restoreAllMocks());

it('hands Yoga the request context without making it a prototype, and never reads the request signal', async () => {
  const request = new Request('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query Named { __typename }' }),
  });
  let signalRead = false;
  Object.defineProperty(request, 'signal', {
    get() {
      signalRead = true;
      return new AbortController().signal;
    },
  });
  const reported: (string | null)[] = [];
  const context: RequestContext = { workspaceId: 'w', db: {} as Database, reportOperationName: (name) => reported.push(name) };
  const create = vi.spyOn(Object, 'create');

  const response = await answer(yoga, request, context);

  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  expect(reported).toEqual(['Named']); // the context reached Yoga's plugins
  expect(create.mock.calls.filter(([prototype]) => prototype === context)).toEqual([]);
  expect(signalRead).toBe(false);
});
