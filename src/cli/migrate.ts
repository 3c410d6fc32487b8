import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { databaseFailure } from '../failures.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations to DATABASE_URL (idempotent; `npm run db:migrate` runs this)')
    .action(async () => {
      const { DATABASE_URL } = loadConfig();
      const applied = await migrate(DATABASE_URL).catch((error: unknown) => {
        throw databaseFailure(error, DATABASE_URL);
      });
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');
    });
}
