/**
 * `npm run dev`: the build of `npm start`, kept current. esbuild watches the
 * sources and rebuilds dist/; after each good build the server is restarted
 * with the exact command of `npm start`, so that development runs the code
 * that production runs.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildOptions, loadEsbuild, outdir, root, stamp } from './build-options.mjs';

const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const [, ...startArgs] = scripts.start.split(' ');

let server;
/** Stops the running server (SIGTERM, as a deployment would), resolving once it is gone. */
function stopServer() {
  const running = server;
  server = undefined;
  if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once('exit', resolve);
    running.kill('SIGTERM');
  });
}

let restarting = Promise.resolve();
const restart = {
  name: 'restart-server',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return console.error('[dev] build failed; the server keeps running the last good build');
      writeFileSync(stamp, '');
      restarting = restarting.then(async () => {
        await stopServer();
        console.error('[dev] starting the server');
        server = spawn(process.execPath, startArgs, { cwd: root, stdio: 'inherit' });
      });
    });
  },
};

const esbuild = await loadEsbuild();
rmSync(outdir, { recursive: true, force: true });
const context = await esbuild.context({ ...buildOptions, plugins: [...buildOptions.plugins, restart] });
await context.watch();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await context.dispose();
    await restarting;
    await stopServer();
    process.exit(0);
  });
}
