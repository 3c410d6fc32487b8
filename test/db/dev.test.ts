/**
 * `npm run dev` runs what `npm start` runs: the build in dist/, rebuilt when a
 * source changes and served again. Run in a copy of the project, so that its
 * rebuilds never touch the dist/ that the other suites start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { testProvider } from '../support/database.js';
import { projectRoot } from '../support/processes.js';

describe.runIf(testProvider === 'sqlite')('npm run dev', () => {
  const copy = mkdtempSync(`${tmpdir()}/contacts-dev-`);
  let dev: ChildProcess;
  afterAll(() => {
    dev?.kill('SIGKILL');
    rmSync(copy, { recursive: true, force: true });
  });

  /** Resolves with the port of the next "serving" log line. */
  let nextServing: () => Promise<number>;
  let lastPort: number;

  it('builds dist/ and serves it with the command of npm start', async () => {
    for (const path of ['src', 'scripts', 'prisma', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(`${projectRoot}${path}`, `${copy}/${path}`, { recursive: true });
    symlinkSync(`${projectRoot}node_modules`, `${copy}/node_modules`);
    const { scripts } = JSON.parse(readFileSync(`${copy}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.dev).toBe('node scripts/dev.mjs');

    dev = spawn(process.execPath, ['scripts/dev.mjs'], {
      cwd: copy,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${copy}/data/dev.db` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const waiting: ((port: number) => void)[] = [];
    const seen: number[] = [];
    createInterface({ input: dev.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { port?: unknown };
      if (typeof entry.port !== 'number') return;
      const resolve = waiting.shift();
      if (resolve) resolve(entry.port);
      else seen.push(entry.port);
    });
    nextServing = () => (seen.length ? Promise.resolve(seen.shift()!) : new Promise((resolve) => waiting.push(resolve)));

    const port = await nextServing();
    expect(existsSync(`${copy}/dist/main.js`)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('rebuilds and serves again when a source file changes', async () => {
    appendFileSync(`${copy}/src/ids.ts`, '\n// changed\n');
    lastPort = await nextServing();
    expect((await fetch(`http://127.0.0.1:${lastPort}/health`)).status).toBe(200);
  });

  it('stops the server with itself', async () => {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${lastPort}/health`)).rejects.toThrow();
  });
});
