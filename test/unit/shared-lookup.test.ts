import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sharedPerTurn } from '../../src/http/auth.js';

/** A lookup whose answers the test gives, recording each call. */
function controlledLookup() {
  const calls: { key: string; answer(value: string): void; fail(error: Error): void }[] = [];
  const lookUp = (key: string) =>
    new Promise<string>((answer, fail) => {
      calls.push({ key, answer, fail });
    });
  return { calls, lookUp };
}

describe('key lookups shared per turn of the event loop', () => {
  it('calls for one key in the same turn share one lookup, and each gets its answer', async () => {
    const { calls, lookUp } = controlledLookup();
    const shared = sharedPerTurn(lookUp);
    const answers = Promise.all([shared('a'), shared('a'), shared('a')]);
    expect(calls).toHaveLength(0); // nothing starts before the turn's calls are in
    await nextTurn();
    expect(calls.map((call) => call.key)).toEqual(['a']);
    calls[0]!.answer('key a');
    expect(await answers).toEqual(['key a', 'key a', 'key a']);
  });

  it('never gives a call the answer of a lookup that began before it was made', async () => {
    const { calls, lookUp } = controlledLookup();
    const shared = sharedPerTurn(lookUp);
    const early = shared('a');
    await nextTurn(); // the first lookup has begun and is not answered yet
    const late = shared('a'); // e.g. the key was revoked in between: this call must look again
    await nextTurn();
    expect(calls).toHaveLength(2);
    calls[0]!.answer('active');
    calls[1]!.answer('revoked');
    expect(await early).toBe('active');
    expect(await late).toBe('revoked');
  });

  it('looks different keys up separately', async () => {
    const { calls, lookUp } = controlledLookup();
    const shared = sharedPerTurn(lookUp);
    const answers = Promise.all([shared('a'), shared('b'), shared('a')]);
    await nextTurn();
    expect(calls.map((call) => call.key).sort()).toEqual(['a', 'b']);
    for (const call of calls) call.answer(`key ${call.key}`);
    expect(await answers).toEqual(['key a', 'key b', 'key a']);
  });

  it('fails every call that shared a failed lookup', async () => {
    const { calls, lookUp } = controlledLookup();
    const shared = sharedPerTurn(lookUp);
    const answers = [shared('a'), shared('a')];
    await nextTurn();
    calls[0]!.fail(new Error('database unavailable'));
    for (const answer of answers) await expect(answer).rejects.toThrow('database unavailable');
  });

  it('fails the calls, and nothing else, when the lookup throws before it returns a promise', async () => {
    const shared = sharedPerTurn((): Promise<string> => {
      throw new Error('not even started');
    });
    await expect(Promise.all([shared('a'), shared('a')])).rejects.toThrow('not even started');
  });
});
