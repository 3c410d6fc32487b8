import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations to DATABASE_URL (idempotent; `npm run db:migrate` runs this)')
    .action(async () => {
      // Loaded when the command runs: the migrations and zod are no part of what `sync` needs (see index.ts).
      const [{ loadConfig }, { migrate }, { databaseFailure }] = await Promise.all([import('../config.js'), import('../db/migrate.js'), import('../failures.js')]);
      const { DATABASE_URL } = loadConfig();
      const applied = await migrate(DATABASE_URL).catch((error: unknown) => {
        throw databaseFailure(error, DATABASE_URL);
      });
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.');
    });
}
