/** The freshness check that lets `npm start` keep a build newer than its sources. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUpToDate } from '../../scripts/up-to-date.mjs';

describe('isUpToDate', () => {
  let dir: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  const file = (path: string, seconds: number) => (writeFileSync(path, ''), at(path, seconds));

  beforeEach(() => {
    // src/ with a nested file, a loose input, and a build stamped at t=100.
    dir = mkdtempSync(`${tmpdir()}/up-to-date-`);
    mkdirSync(`${dir}/src/deep`, { recursive: true });
    file(`${dir}/src/deep/a.ts`, 50);
    file(`${dir}/package.json`, 50);
    at(`${dir}/src/deep`, 50);
    at(`${dir}/src`, 50);
    file(`${dir}/stamp`, 100);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const inputs = () => [`${dir}/src`, `${dir}/package.json`];

  it('holds when the stamp is newer than every input', () => {
    expect(isUpToDate(`${dir}/stamp`, inputs())).toBe(true);
  });

  it('fails without a stamp', () => {
    expect(isUpToDate(`${dir}/none`, inputs())).toBe(false);
  });

  it('fails when a file deep in an input directory changed after the stamp', () => {
    at(`${dir}/src/deep/a.ts`, 150);
    expect(isUpToDate(`${dir}/stamp`, inputs())).toBe(false);
  });

  it('fails when a loose input file changed after the stamp', () => {
    at(`${dir}/package.json`, 150);
    expect(isUpToDate(`${dir}/stamp`, inputs())).toBe(false);
  });

  it('fails when a file was removed after the stamp (its directory changed)', () => {
    at(`${dir}/src/deep`, 150);
    expect(isUpToDate(`${dir}/stamp`, inputs())).toBe(false);
  });

  it('ignores an input that does not exist', () => {
    expect(isUpToDate(`${dir}/stamp`, [...inputs(), `${dir}/missing`])).toBe(true);
  });
});
