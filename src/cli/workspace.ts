import type { Command } from 'commander';
import { noWorkspaceHint } from '../cli-hints.js';
import { printJson, printJsonLines } from './output.js';
import { formatTable } from './table.js';

// Loaded when a command runs: the database layer and zod are no part of what `sync` needs (see index.ts).
const workspaceModule = () => import('../workspaces/workspaces.js');
const database = () => import('./database.js');

export function registerWorkspaceCommands(program: Command): void {
  const workspace = program.command('workspace').description('manage workspaces (tenants)');

  workspace
    .command('create')
    .description('create a workspace and its first API key (the key is shown only this once)')
    .argument('<name>', 'what to call the workspace')
    .option('--json', 'print {"workspaceId", "apiKeyId", "apiKey"} as one JSON line')
    .action(async (name: string, options: { json?: boolean }) => {
      const created = await (await database()).withDatabase(async (db) => (await workspaceModule()).createWorkspace(db.workspaces, name));
      if (options.json) return printJson(created);
      console.log(`Created workspace ${created.workspaceId} (${name}).`);
      console.log(`Its API key ${created.apiKeyId}, shown only this once:\n\n    ${created.apiKey}\n`);
      console.log('Send it as the header "Authorization: Bearer <key>".');
    });

  workspace
    .command('list')
    .description('list the workspaces, oldest first')
    .option('--json', 'print one JSON line per workspace: {id, name, createdAt}')
    .action(async (options: { json?: boolean }) => {
      const workspaces = await (await database()).withDatabase(async (db) => (await workspaceModule()).listWorkspaces(db.workspaces));
      if (options.json) return printJsonLines(workspaces);
      if (!workspaces.length) return console.log(noWorkspaceHint);
      console.log(formatTable(['ID', 'NAME', 'CREATED'], workspaces.map(({ id, name, createdAt }) => [id, name, createdAt.toISOString()])));
    });
}
