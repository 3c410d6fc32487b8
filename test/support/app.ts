/**
 * A real app on a fresh database with a workspace and its API key, and typed
 * helpers to talk GraphQL to it through its fetch handler as that workspace.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { createWorkspace, type NewWorkspace } from '../../src/workspaces/workspaces.js';
import { createApp, type App, type HttpLimits } from '../../src/http/app.js';
import { RequestLogWriter } from '../../src/request-log/writer.js';
import type { EndpointRules } from '../../src/webhooks/endpoints.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database.js';

/** A workspace's view of the app: every request carries its API key. */
export interface WorkspaceClient extends NewWorkspace {
  /** Sends an HTTP request to the app, authenticated with the workspace's key. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Runs a typed document and returns the whole GraphQL response. */
  execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<ExecutionResult<R>>;
  /** Runs a typed document and returns its data, failing the test on any GraphQL error. */
  run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
}

export interface TestApp extends TestDatabase, WorkspaceClient {
  app: App;
  /** The app's request log; `flush()` it before reading what it recorded. */
  requestLog: RequestLogWriter;
  /** Another workspace with its own key, e.g. to show that workspaces cannot see each other. */
  addWorkspace(name?: string): Promise<WorkspaceClient>;
}

export interface TestAppOptions extends TestDatabaseOptions {
  /** Where the app logs (default: nowhere, or TEST_LOG_LEVEL to stdout). */
  logger?: Logger;
  limits?: Partial<HttpLimits>;
  /** Which webhook URLs are accepted (public hosts only unless said otherwise, as in production). */
  webhookRules?: EndpointRules;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options);
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Written when a test flushes it (or at drop), never in the middle of a test that counts queries.
  const requestLog = new RequestLogWriter(database.db, logger, { flushIntervalMs: 3_600_000 });
  const app = createApp({ db: database.db, logger, requestLog, limits: options.limits, webhookRules: options.webhookRules });
  const addWorkspace = async (name = 'Test') => clientOf(app, await createWorkspace(database.db.workspaces, name));

  return {
    ...database,
    ...(await addWorkspace()),
    app,
    requestLog,
    addWorkspace,
    async drop() {
      await requestLog.flush();
      await database.drop();
    },
  };
}

function clientOf(app: App, workspace: NewWorkspace): WorkspaceClient {
  function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${workspace.apiKey}`);
    return Promise.resolve(app.request(path, { ...init, headers }));
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

  return { ...workspace, request, execute, run };
}

/** One app per test file: started before its tests, dropped after them. */
export function useTestApp(options: TestAppOptions = {}): TestApp {
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
