import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/contacts/group-commit.js';

/** A writer whose writes end when the test says so, recording each group it was given. */
function controlledWriter(fail: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let mostRunning = 0;
  const write = (items: number[]) => {
    groups.push(items);
    running++;
    mostRunning = Math.max(mostRunning, running);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        running--;
        if (items.some(fail)) reject(new Error(`refused ${items.join(',')}`));
        else resolve(items.map((item) => `done ${item}`));
      });
    });
  };
  /** Ends every write started so far, then lets the next ones start. */
  const finishRunning = async () => {
    for (const finish of pending.splice(0)) finish();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, groups, finishRunning, mostRunning: () => mostRunning };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, without waiting for company', async () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, 1, 100);
    const result = commit.submit(1);
    expect(writer.groups).toEqual([[1]]);
    await writer.finishRunning();
    await expect(result).resolves.toBe('done 1');
  });

  it('writes the items that arrived during a write together, in arrival order, each with its own result', async () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, 1, 100);
    const results = [1, 2, 3, 4].map((item) => commit.submit(item));
    expect(writer.groups).toEqual([[1]]);
    await writer.finishRunning();
    expect(writer.groups).toEqual([[1], [2, 3, 4]]);
    await writer.finishRunning();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('runs at most `concurrency` writes at once, of at most `maxGroupSize` items', async () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, 2, 3);
    const results = Array.from({ length: 10 }, (_, i) => commit.submit(i));
    expect(writer.groups).toEqual([[0], [1]]);
    while (writer.groups.flat().length < 10) await writer.finishRunning();
    await writer.finishRunning();
    expect(writer.mostRunning()).toBe(2);
    expect(writer.groups).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
    expect(await Promise.all(results)).toEqual(Array.from({ length: 10 }, (_, i) => `done ${i}`));
  });

  it('when a group fails, writes its items again alone: only the one at fault sees the error', async () => {
    const writer = controlledWriter((item) => item === 3);
    const commit = new GroupCommit(writer.write, 1, 100);
    const results = [1, 2, 3, 4].map((item) => commit.submit(item).catch((error: Error) => error.message));
    for (let round = 0; round < 4; round++) await writer.finishRunning();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'refused 3', 'done 4']);
    expect(writer.groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
