/**
 * The browser tests' Chromium: the system's (Debian's `chromium` package), driven
 * by playwright-core, headless, with nothing of its own reaching the network.
 * Without it a test fails in CI and is skipped, saying so, elsewhere: `npm test`
 * must pass on a machine with nothing but Node and npm.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../../src/http/app.js';

export const executablePath = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(executablePath);
export const chromiumMissing = `Chromium is not installed at ${executablePath}: install it (apt-get install chromium) to run the browser tests.`;
/** Whether a browser suite runs: always in CI (failing without Chromium), elsewhere when it is installed. */
export const runBrowserSuites = chromiumInstalled || Boolean(process.env.CI);

export function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled) throw new Error(`${chromiumMissing} CI never skips them.`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The app on a real loopback port, as a browser needs it. */
export async function serveApp(app: App): Promise<{ server: Server; origin: string }> {
  const server = createServer(getRequestListener(app.fetch)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
