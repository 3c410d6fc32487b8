/**
 * A stage for a whole-system test: a fresh database, a server process on it
 * (which migrates it), a workspace with its key, and a connection to read the
 * results back; everything removed afterwards.
 */
import { openDatabase, type Database } from '../../src/db/client.js';
import { createEmptyDatabase } from './database.js';
import { startServer, type ServerProcess } from './processes.js';
import { runCli, workspaceOn, type CliRun } from './remote.js';

export interface Stage {
  databaseUrl: string;
  server: ServerProcess;
  apiKey: string;
  db: Database;
  /** Starts the server again (after a kill) on the same port. */
  restart(): Promise<ServerProcess>;
  remove(): Promise<void>;
}

export async function createStage(serverEnv: Record<string, string> = {}, reach: (url: string) => string = (url) => url): Promise<Stage> {
  const database = await createEmptyDatabase();
  const servers: ServerProcess[] = [];
  const stage: Stage = {
    databaseUrl: database.url,
    server: await startServer({ DATABASE_URL: reach(database.url), ...serverEnv }),
    apiKey: '',
    db: undefined as unknown as Database,
    async restart() {
      const port = new URL(stage.server.url).port;
      stage.server = await startServer({ DATABASE_URL: reach(database.url), ...serverEnv, PORT: port });
      servers.push(stage.server);
      return stage.server;
    },
    async remove() {
      for (const server of servers) server.child.kill('SIGKILL');
      await Promise.all(servers.map((server) => server.exited));
      await stage.db?.close();
      await database.remove();
    },
  };
  servers.push(stage.server);
  stage.apiKey = (await workspaceOn(database.url, 'stage')).apiKey;
  stage.db = await openDatabase(database.url);
  return stage;
}

export interface SyncSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** `contacts-api sync <file> --json` against a GraphQL URL, as a user runs it. */
export async function syncFile(file: string, url: string, apiKey: string, args: string[] = []): Promise<CliRun & { summary?: SyncSummary }> {
  const run = await runCli(['sync', file, '--url', url, '--json', ...args], { CONTACTS_API_KEY: apiKey });
  const last = run.stdout.trim().split('\n').at(-1);
  let summary: SyncSummary | undefined;
  try {
    summary = last ? (JSON.parse(last) as SyncSummary) : undefined;
  } catch {
    summary = undefined;
  }
  return { ...run, summary };
}
