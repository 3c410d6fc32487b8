/** Global setup of the `pgbouncer` project: one PgBouncer for the run, its URL provided to the suites. */
import type { TestProject } from 'vitest/node';
import { startPgBouncer } from './pgbouncer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgbouncerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  if (!postgresUrl) throw new Error('the pgbouncer project needs TEST_POSTGRES_URL');
  const bouncer = await startPgBouncer(postgresUrl);
  project.provide('pgbouncerUrl', bouncer.url);
  return () => bouncer.stop();
}
