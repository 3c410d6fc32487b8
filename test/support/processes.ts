import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const projectRoot = new URL('../../', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs an npm script of this project with extra environment; resolves with its output. */
export async function npmRun(script: string, args: string[], env: Record<string, string>) {
  const { stdout, stderr } = await execFileAsync(npm, ['run', '--silent', script, '--', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
  return { stdout, stderr };
}

function startCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { scripts: Record<string, string> };
  return scripts.start!.split(' ');
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the server logged, one parsed JSON object per line. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/**
 * Runs the exact command of `npm start` until it exits by itself (a start that
 * fails); resolves with its exit code and output.
 */
export async function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...args] = startCommand();
  if (command !== 'node') throw new Error(`npm start should run node, not ${command}`);
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

/**
 * Starts the server with the exact command of `npm start` (run directly, so that
 * signals reach the server itself and not npm) on a free port, and waits until
 * it logs that it is serving.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const [command, ...args] = startCommand();
  if (command !== 'node') throw new Error(`npm start should run node, not ${command}`);
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.port === 'number') resolve(entry.port);
      } catch {
        logs.push({ raw: line });
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before serving: ${stderr}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, logs, exited };
}
