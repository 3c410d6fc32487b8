/**
 * `npm run cli -- <command>`: administration on the database DATABASE_URL names.
 * Each command module registers its commands here, one line each.
 */
import { Command } from 'commander';
import { NotFoundError } from '../contacts/errors.js';
import { registerApiKeyCommands } from './apikey.js';
import { syncCommand } from './sync.js';
import { registerWorkspaceCommands } from './workspace.js';

const program = new Command('npm run cli --')
  .description(
    'Administer the contacts API (workspaces and API keys, on DATABASE_URL, default file:./data/contacts.db) and sync contact files into it.',
  )
  .showHelpAfterError();

registerWorkspaceCommands(program);
registerApiKeyCommands(program);
program.addCommand(syncCommand());

try {
  await program.parseAsync();
} catch (error) {
  // An id that names nothing is the user's mistake: say so plainly, without a stack.
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
// The wasm schema engine leaves a timer behind that would hold the process for ~10 s.
process.exit(process.exitCode ?? 0);
