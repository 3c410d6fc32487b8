import type { Command } from 'commander';
import { createWorkspace } from '../workspaces/workspaces.js';
import { printJson, withDatabase } from './database.js';

export function registerWorkspaceCommands(program: Command): void {
  const workspace = program.command('workspace').description('manage workspaces (tenants)');

  workspace
    .command('create')
    .description('create a workspace and its first API key (the key is shown only this once)')
    .argument('<name>', 'what to call the workspace')
    .option('--json', 'print {"workspaceId", "apiKeyId", "apiKey"} as one JSON line')
    .action(async (name: string, options: { json?: boolean }) => {
      const created = await withDatabase((db) => createWorkspace(db.workspaces, name));
      if (options.json) return printJson(created);
      console.log(`Created workspace ${created.workspaceId} (${name}).`);
      console.log(`Its API key ${created.apiKeyId}, shown only this once:\n\n    ${created.apiKey}\n`);
      console.log('Send it as the header "Authorization: Bearer <key>".');
    });
}
