/**
 * Debian's PgBouncer, started by the tests themselves in transaction pool mode
 * on a free port, in front of the PostgreSQL of TEST_POSTGRES_URL. Any database
 * name is passed through (`*`), so that each suite's own database is reachable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';

export interface PgBouncer {
  /** TEST_POSTGRES_URL with its host and port replaced by PgBouncer's. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPgBouncer(postgresUrl: string): Promise<PgBouncer> {
  const target = new URL(postgresUrl);
  const user = decodeURIComponent(target.username) || userInfo().username;
  const port = await freePort();
  const dir = mkdtempSync(`${tmpdir()}/contacts-pgbouncer-`);
  // PgBouncer refuses to run as root: then it switches to the postgres user (-u), who must read these.
  chmodSync(dir, 0o755);
  writeFileSync(`${dir}/users.txt`, `"${user}" ""\n`, { mode: 0o644 });
  writeFileSync(
    `${dir}/pgbouncer.ini`,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${dir}/users.txt`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      'default_pool_size = 20',
      // Logged to stderr, which the tests keep to show when PgBouncer fails.
      'log_connections = 0',
      'log_disconnections = 0',
      // The admin console (database `pgbouncer`), where a suite checks its traffic went through.
      `admin_users = ${user}`,
    ].join('\n') + '\n',
    { mode: 0o644 },
  );
  const asRoot = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
  const child: ChildProcess = spawn('pgbouncer', [...asRoot, `${dir}/pgbouncer.ini`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/process up/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (error) => reject(new Error(`pgbouncer could not start (is Debian's pgbouncer installed?): ${error.message}`)));
    child.on('exit', (code) => reject(new Error(`pgbouncer exited with ${code}: ${output}`)));
  });
  const url = new URL(postgresUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
