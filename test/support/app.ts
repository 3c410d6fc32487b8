/** A real app on a fresh database, and typed helpers to talk GraphQL to it through its fetch handler. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureDefaultWorkspace } from '../../src/contacts/workspace.js';
import { createApp, type App } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database.js';

export interface TestApp extends TestDatabase {
  app: App;
  workspaceId: string;
  /** Sends an HTTP request to the app as an authenticated client of the test workspace. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Runs a typed document and returns the whole GraphQL response. */
  execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<ExecutionResult<R>>;
  /** Runs a typed document and returns its data, failing the test on any GraphQL error. */
  run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
}

export async function startTestApp(options: TestDatabaseOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options);
  const { id: workspaceId } = await ensureDefaultWorkspace(database.db);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = createApp({ db: database.db, logger, workspaceId });

  function request(path: string, init: RequestInit = {}): Promise<Response> {
    return Promise.resolve(app.request(path, init));
  }

  async function execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<ExecutionResult<R>> {
    const response = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as ExecutionResult<R>;
  }

  async function run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const result = await execute(document, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  return { ...database, app, workspaceId, request, execute, run };
}

/** One app per test file: started before its tests, dropped after them. */
export function useTestApp(options: TestDatabaseOptions = {}): TestApp {
  const handle = {} as TestApp;
  beforeAll(async () => {
    Object.assign(handle, await startTestApp(options));
  });
  afterAll(async () => {
    await handle.drop?.();
  });
  return handle;
}

/** Narrows a union member by its __typename, failing the test when it is another. */
export function expectType<T extends { __typename?: string }, N extends NonNullable<T['__typename']>>(
  value: T,
  typename: N,
): Extract<T, { __typename?: N }> {
  expect(value.__typename, JSON.stringify(value)).toBe(typename);
  return value as Extract<T, { __typename?: N }>;
}
