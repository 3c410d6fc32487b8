/** The environment, validated: a problem is one line naming the variable, its value and what to set. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskPassword } from '../../src/config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the environment was accepted');
};

describe('loadConfig', () => {
  it('takes the documented defaults from an empty environment', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4000, HOST: '0.0.0.0', DATABASE_URL: 'file:./data/contacts.db', MIGRATE_ON_START: true, LOG_LEVEL: 'info' });
  });

  it('reads whole numbers and flags', () => {
    expect(loadConfig({ PORT: '0', MIGRATE_ON_START: 'false', DATABASE_POOL_SIZE: '3' })).toMatchObject({ PORT: 0, MIGRATE_ON_START: false, DATABASE_POOL_SIZE: 3 });
  });

  it.each(['', ' ', '4000.5', '-1', '1e3', '0x10', '65536'])('refuses PORT=%j', (value) => {
    expect(problemsOf({ PORT: value })).toEqual([`PORT=${JSON.stringify(value)} is invalid: set PORT to a whole number from 0 to 65535, or unset it for the default (4000).`]);
  });

  it('lists the first three invalid variables (in the order of the documentation) and counts the rest', () => {
    const problems = problemsOf({ PORT: 'x', HOST: '', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'maybe', GRAPHQL_MAX_COST: '0' });
    expect(problems).toHaveLength(4);
    expect(problems.slice(0, 3)).toEqual([expect.stringMatching(/^PORT="x" /), expect.stringMatching(/^HOST="" /), expect.stringMatching(/^MIGRATE_ON_START="maybe" /)]);
    expect(problems[3]).toBe('… and 2 more invalid variable(s): LOG_LEVEL, GRAPHQL_MAX_COST.');
  });
});

describe('METRICS_TOKEN', () => {
  it('is a secret of 16 characters or more without spaces, never echoed when refused', () => {
    expect(loadConfig({ METRICS_TOKEN: 'scrape-secret-123' })).toMatchObject({ METRICS_TOKEN: 'scrape-secret-123' });
    for (const token of ['short', 'a secret with spaces in it']) {
      const [problem] = problemsOf({ METRICS_TOKEN: token });
      expect(problem).toMatch(/^METRICS_TOKEN/);
      expect(problem).not.toContain(token);
    }
  });
});

describe('maskPassword', () => {
  it('hides the password of a URL and keeps the rest', () => {
    expect(maskPassword('postgresql://app:s3cret@db.internal:5432/contacts?schema=x')).toBe('postgresql://app:***@db.internal:5432/contacts?schema=x');
  });

  it('leaves a URL without a password as it is', () => {
    expect(maskPassword('postgresql://app@db.internal/contacts')).toBe('postgresql://app@db.internal/contacts');
    expect(maskPassword('file:./data/contacts.db')).toBe('file:./data/contacts.db');
  });
});

describe('HISTORY_RETENTION_DAYS', () => {
  it('keeps history forever when unset, and takes whole days', () => {
    expect(loadConfig({}).HISTORY_RETENTION_DAYS).toBeUndefined();
    expect(loadConfig({ HISTORY_RETENTION_DAYS: '30' }).HISTORY_RETENTION_DAYS).toBe(30);
  });

  it.each(['0', '1.5', 'forever', ''])('refuses %j in one sentence', (value) => {
    expect(problemsOf({ HISTORY_RETENTION_DAYS: value })).toEqual([
      `HISTORY_RETENTION_DAYS=${JSON.stringify(value)} is invalid: set HISTORY_RETENTION_DAYS to a whole number from 1 to 36500, or unset it.`,
    ]);
  });
});

describe('the webhook settings', () => {
  it('default to public URLs only and the documented schedule', () => {
    expect(loadConfig({})).toMatchObject({ WEBHOOK_ALLOW_PRIVATE_URLS: false, WEBHOOK_RETRY_SCHEDULE: '5s,5m,30m,2h,5h,10h,10h' });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_SCHEDULE: '100ms, 2s' })).toMatchObject({ WEBHOOK_ALLOW_PRIVATE_URLS: true, WEBHOOK_RETRY_SCHEDULE: '100ms, 2s' });
  });

  it('refuses a schedule that is not one, in one sentence', () => {
    expect(problemsOf({ WEBHOOK_RETRY_SCHEDULE: '5 minutes' })).toEqual([
      'WEBHOOK_RETRY_SCHEDULE="5 minutes" is invalid: set WEBHOOK_RETRY_SCHEDULE to a comma-separated list of delays, each a whole number and a unit (ms, s, m, h or d), e.g. 5s,5m,30m,2h, or unset it for the default (5s,5m,30m,2h,5h,10h,10h).',
    ]);
  });
});
