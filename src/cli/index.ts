/**
 * `contacts-api <command>` (the package's bin; `npm run cli --` in the project):
 * administration on the database DATABASE_URL names. Each command module
 * registers its commands here, one line each.
 */
import { Command } from 'commander';
import { NotFoundError } from '../contacts/errors.js';
import { exitWithFailure, PlainFailure } from '../failures.js';
import { registerApiKeyCommands } from './apikey.js';
import { registerMigrateCommand } from './migrate.js';
import { syncCommand } from './sync.js';
import { registerWorkspaceCommands } from './workspace.js';

const program = new Command('contacts-api')
  .description(
    'Administer the contacts API (workspaces and API keys, on DATABASE_URL, default file:./data/contacts.db) and sync contact files into it.',
  )
  .showHelpAfterError();

registerWorkspaceCommands(program);
registerApiKeyCommands(program);
registerMigrateCommand(program);
program.addCommand(syncCommand());

try {
  await program.parseAsync();
} catch (error) {
  // One sentence for the person at the terminal, whatever went wrong; an id that names nothing is their mistake.
  exitWithFailure(error instanceof NotFoundError ? new PlainFailure(error.message) : error);
}
// The wasm schema engine leaves a timer behind that would hold the process for ~10 s.
process.exit(process.exitCode ?? 0);
