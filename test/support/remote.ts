/**
 * Talking to a server process over real HTTP, as a client elsewhere would, and
 * reading back a database's contacts for comparison.
 */
import { spawn } from 'node:child_process';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createWorkspace } from '../../src/workspaces/workspaces.js';
import { projectRoot } from './processes.js';

export interface GraphqlAnswer<D = Record<string, unknown>> {
  status: number;
  retryAfter: string | null;
  body: { data?: D | null; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
}

/** POSTs one GraphQL operation with the workspace's key; never throws on an HTTP status. */
export async function postGraphql<D = Record<string, unknown>>(
  serverUrl: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphqlAnswer<D>> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphqlAnswer<D>['body'];
  try {
    body = JSON.parse(text) as GraphqlAnswer<D>['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/** A workspace and its key on a migrated database, made the way the CLI makes one. */
export async function workspaceOn(url: string, name: string): Promise<{ workspaceId: string; apiKey: string }> {
  const db = await openDatabase(url);
  try {
    const { workspaceId, apiKey } = await createWorkspace(db.workspaces, name);
    return { workspaceId, apiKey };
  } finally {
    await db.close();
  }
}

/** Every stored contact field but the row's own id and timestamps, in a stable order. */
export async function contactTable(db: Database): Promise<Record<string, unknown>[]> {
  const rows = await db.models.contact.findMany({ orderBy: [{ emailKey: 'asc' }] });
  return rows.map(({ id: _id, workspaceId: _workspaceId, createdAt: _createdAt, updatedAt: _updatedAt, ...fields }) => fields);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The package's command (`contacts-api`, the built CLI) with extra environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, ['bin/contacts-api.js', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/** A small seeded generator (mulberry32), so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
