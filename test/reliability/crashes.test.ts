/**
 * Crashes during a sync: the server is killed with SIGKILL three times while one
 * sync runs, and restarted on the same port each time; the sync retries through
 * the outages. The final contact table equals a clean run's, and on SQLite the
 * database passes its integrity check.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../support/database.js';
import { contactTable } from '../support/remote.js';
import { createStage, syncFile, type Stage } from '../support/stage.js';

const rows = Number(process.env.CRASH_SYNC_ROWS ?? 3000);
const kills = Number(process.env.CRASH_KILLS ?? 3);
const syncArgs = ['--batch-size', '100', '--concurrency', '4', '--max-attempts', '40', '--retry-delay-ms', '50'];

const dir = mkdtempSync(`${tmpdir()}/contacts-crashes-`);
const file = `${dir}/contacts.csv`;
writeFileSync(
  file,
  ['trackingId,email,firstName,lastName,company,note', ...Array.from({ length: rows }, (_, i) => `k-${i},k-${i}@example.com,Killed,"Contact ${i}",Crash Ltd,"row ${i}"`)].join('\n'),
);

const stages: Stage[] = [];
afterAll(async () => {
  for (const stage of stages) await stage.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('a server killed three times during one sync', () => {
  let clean: Stage;
  let crashed: Stage;
  beforeAll(async () => {
    [clean, crashed] = await Promise.all([createStage(), createStage()]);
    stages.push(clean, crashed);
  });

  it(`ends, after ${kills} SIGKILLs and restarts, as a clean run ends`, { timeout: 240_000 }, async () => {
    const cleanRun = await syncFile(file, `${clean.server.url}/graphql`, clean.apiKey, syncArgs);
    expect(cleanRun.code, cleanRun.stderr).toBe(0);

    const sync = syncFile(file, `${crashed.server.url}/graphql`, crashed.apiKey, syncArgs);
    let finished = false;
    void sync.finally(() => (finished = true));
    const landedAtKill: number[] = [];
    for (let kill = 1; kill <= kills; kill++) {
      // Wait for the next share of the file to land, then kill the server in the middle of the writes.
      const threshold = Math.floor((rows * kill) / (kills + 1));
      while (!finished && (await crashed.db.models.contact.count()) < threshold) await sleep(25);
      if (finished) break;
      crashed.server.child.kill('SIGKILL');
      await crashed.server.exited;
      landedAtKill.push(await crashed.db.models.contact.count());
      await crashed.restart();
    }
    const run = await sync;
    const [expected, actual] = await Promise.all([contactTable(clean.db), contactTable(crashed.db)]);
    const integrity = testProvider === 'sqlite' ? await crashed.db.models.$queryRawUnsafe<{ integrity_check: string }[]>('PRAGMA integrity_check') : undefined;
    console.log(`crashes (${testProvider}):`);
    console.table([
      {
        rows,
        kills: landedAtKill.length,
        'contacts at each kill': landedAtKill.join(', '),
        'sync exit': run.code ?? run.signal,
        'equal to clean run': JSON.stringify(expected) === JSON.stringify(actual) ? 'yes' : 'no',
        'integrity check': integrity?.[0]?.integrity_check ?? 'n/a',
      },
    ]);

    expect(landedAtKill).toHaveLength(kills);
    for (const landed of landedAtKill) expect(landed).toBeLessThan(rows);
    expect(run.code, `${run.stderr} ${run.stdout}`).toBe(0);
    expect(run.summary).toMatchObject({ rows, failed: 0 });
    expect(expected).toHaveLength(rows);
    expect(actual).toEqual(expected);
    if (integrity) expect(integrity).toEqual([{ integrity_check: 'ok' }]);
  });
});
