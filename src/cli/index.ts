/**
 * `contacts-api <command>` (the package's bin; `npm run cli --` in the project):
 * administration on the database DATABASE_URL names. Each command module
 * registers its commands here, one line each. A command's own dependencies
 * (the database layer, zod, graphql) are imported when it runs, not here: code
 * that is loaded stays in memory for the life of the process, and a long
 * `sync` needs none of it.
 */
import { Command } from 'commander';
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
  const [{ NotFoundError }, { exitWithFailure, PlainFailure }] = await Promise.all([import('../contacts/errors.js'), import('../failures.js')]);
  // One sentence for the person at the terminal, whatever went wrong; an id that names nothing is their mistake.
  exitWithFailure(error instanceof NotFoundError ? new PlainFailure(error.message) : error);
}
// The wasm schema engine leaves a timer behind that would hold the process for ~10 s.
process.exit(process.exitCode ?? 0);
