/**
 * CORS is an explicit policy: no cross-site access unless origins are
 * configured, and never with credentials.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();
const appWith = (corsOrigins?: '*' | string[]) => createApp({ db: t.db, logger: pino({ level: 'silent' }), requestLog: t.requestLog, corsOrigins });

const query = (app: ReturnType<typeof appWith>, origin: string) =>
  app.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}`, origin },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

const preflight = (app: ReturnType<typeof appWith>, origin: string) =>
  app.request('/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('CORS', () => {
  it('allows no other origin by default, and never credentials', async () => {
    const app = appWith();
    for (const response of [await query(app, 'https://evil.example'), await preflight(app, 'https://evil.example')]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    expect((await query(app, 'https://evil.example')).status).toBe(200); // same-origin tools and servers are unaffected
  });

  it('allows exactly the configured origins, without credentials', async () => {
    const app = appWith(['https://app.example.com', 'https://admin.example.com']);
    const allowed = await query(app, 'https://admin.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const asked = await preflight(app, 'https://app.example.com');
    expect(asked.status).toBeLessThan(300);
    expect(asked.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(asked.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
    expect(asked.headers.get('access-control-allow-credentials')).toBeNull();
    for (const response of [await query(app, 'https://evil.example'), await preflight(app, 'https://evil.example')]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows any origin with *, still without credentials', async () => {
    const response = await query(appWith('*'), 'https://anywhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('reads CORS_ORIGINS as * or a comma-separated list, and refuses anything else', () => {
    expect(loadConfig({}).CORS_ORIGINS).toBeUndefined();
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example' })).toThrow(/CORS_ORIGINS/);
  });
});
