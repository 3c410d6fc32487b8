import type { Command } from 'commander';
import { printJson, printJsonLines } from './output.js';
import { formatTable } from './table.js';

// Loaded when a command runs: the database layer and zod are no part of what `sync` needs (see index.ts).
const apiKeys = () => import('../workspaces/api-keys.js');
const database = () => import('./database.js');

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description("manage a workspace's API keys");

  apikey
    .command('create')
    .description('create another API key for a workspace (the key is shown only this once)')
    .requiredOption('--workspace <workspaceId>', 'the workspace the key acts for')
    .option('--name <name>', 'a label to tell the key apart in listings')
    .option('--json', 'print {"workspaceId", "apiKeyId", "apiKey"} as one JSON line')
    .action(async (options: { workspace: string; name?: string; json?: boolean }) => {
      const created = await (await database()).withDatabase(async (db) => (await apiKeys()).createApiKey(db.workspaces, options.workspace, options.name));
      if (options.json) return printJson({ workspaceId: options.workspace, ...created });
      console.log(`Created API key ${created.apiKeyId}, shown only this once:\n\n    ${created.apiKey}\n`);
    });

  apikey
    .command('list')
    .description("list a workspace's API keys (never the keys themselves)")
    .requiredOption('--workspace <workspaceId>', 'the workspace whose keys to list')
    .option('--json', 'print one JSON line per key: {id, prefix, name, createdAt, lastUsedAt, revokedAt}')
    .action(async (options: { workspace: string; json?: boolean }) => {
      const keys = await (await database()).withDatabase(async (db) => (await apiKeys()).listApiKeys(db.workspaces, options.workspace));
      if (options.json) return printJsonLines(keys);
      if (!keys.length) return console.log(`Workspace ${options.workspace} has no API keys.`);
      console.log(
        formatTable(
          ['ID', 'PREFIX', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'],
          keys.map(({ id, prefix, name, createdAt, lastUsedAt, revokedAt }) => [
            id,
            `${prefix}…`,
            name ?? '',
            createdAt.toISOString(),
            lastUsedAt?.toISOString() ?? 'never',
            revokedAt?.toISOString() ?? '',
          ]),
        ),
      );
    });

  apikey
    .command('revoke')
    .description('revoke an API key: requests with it are refused (401) from now on')
    .argument('<apiKeyId>', 'the id of the key (from `apikey list`), not the key')
    .action(async (apiKeyId: string) => {
      const { revokedAt } = await (await database()).withDatabase(async (db) => (await apiKeys()).revokeApiKey(db.workspaces, apiKeyId));
      console.log(`API key ${apiKeyId} is revoked (since ${revokedAt.toISOString()}).`);
    });
}
