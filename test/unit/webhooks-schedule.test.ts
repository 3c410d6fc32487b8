import { describe, expect, it } from 'vitest';
import { parseRetrySchedule, retryScheduleProblem } from '../../src/retry-schedule.js';
import { nextAttemptDelay } from '../../src/webhooks/schedule.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

describe('parseRetrySchedule', () => {
  it('reads the default schedule', () => {
    expect(parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h')).toEqual([5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour]);
    expect(retryScheduleProblem('5s,5m,30m,2h,5h,10h,10h')).toBeNull();
  });

  it('reads every unit, and spaces around the commas', () => {
    expect(parseRetrySchedule('250ms, 2s ,3m,4h,1d')).toEqual([250, 2 * second, 3 * minute, 4 * hour, 24 * hour]);
    expect(parseRetrySchedule('7d')).toEqual([7 * 24 * hour]);
  });

  it.each([
    ['', 'the schedule is empty; give at least one delay, e.g. 5s,5m,30m'],
    ['  ', 'the schedule is empty; give at least one delay, e.g. 5s,5m,30m'],
    ['5s,,5m', '"" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5s,5m,', '"" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5', '"5" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5s,10x', '"10x" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['1.5h', '"1.5h" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['-5s', '"-5s" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5 s', '"5 s" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5S', '"5S" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5s;5m', '"5s;5m" is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m'],
    ['5s,0m', '"0m" is no delay: each must be longer than 0'],
    ['8d', '"8d" is longer than 7 days, the longest delay between two attempts'],
    ['169h', '"169h" is longer than 7 days, the longest delay between two attempts'],
    ['99999999999999999999d', '"99999999999999999999d" is longer than 7 days, the longest delay between two attempts'],
  ])('refuses %j: %s', (text, problem) => {
    expect(retryScheduleProblem(text)).toBe(problem);
    expect(() => parseRetrySchedule(text)).toThrow(new Error(`WEBHOOK_RETRY_SCHEDULE: ${problem}`));
  });
});

describe('nextAttemptDelay', () => {
  const schedule = parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h');

  it("waits the schedule's delay for the attempt that failed, jittered within ±20%", () => {
    expect(nextAttemptDelay(schedule, 1, () => 0.5)).toBe(5 * second);
    expect(nextAttemptDelay(schedule, 1, () => 0)).toBe(4 * second);
    expect(nextAttemptDelay(schedule, 1, () => 0.999_999)).toBe(6 * second);
    expect(nextAttemptDelay(schedule, 4, () => 0)).toBe(96 * minute);
    expect(nextAttemptDelay(schedule, 4, () => 0.999_999_999)).toBe(144 * minute);
    expect(nextAttemptDelay(schedule, 7, () => 0.25)).toBe(9 * hour);
  });

  it('stays within the bounds for any random number, and spreads over them', () => {
    const delays = Array.from({ length: 1000 }, () => nextAttemptDelay(schedule, 2)!);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4 * minute);
      expect(delay).toBeLessThanOrEqual(6 * minute);
    }
    expect(new Set(delays).size).toBeGreaterThan(900);
  });

  it('is null once the schedule is used up: the delivery has failed', () => {
    expect(nextAttemptDelay(schedule, schedule.length, () => 0.5)).toBe(10 * hour);
    expect(nextAttemptDelay(schedule, schedule.length + 1, () => 0.5)).toBeNull();
    expect(nextAttemptDelay([1000], 2)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %d attempts made', (attemptsMade) => {
    expect(() => nextAttemptDelay(schedule, attemptsMade)).toThrow(RangeError);
  });
});
