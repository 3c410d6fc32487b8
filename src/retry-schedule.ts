/**
 * WEBHOOK_RETRY_SCHEDULE as text: a comma-separated list of delays, read with
 * the rest of the configuration. What the delays mean for a delivery is in
 * src/webhooks/schedule.ts.
 */

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The longest delay between two attempts: a longer one is taken for a typo (and would outlast a Node timer). */
export const maxRetryDelayMs = 7 * unitMs.d;

/** What the variable should be, as it completes "set WEBHOOK_RETRY_SCHEDULE to …". */
export const retryScheduleFormat = 'a comma-separated list of delays, each a whole number and a unit (ms, s, m, h or d), e.g. 5s,5m,30m,2h';

const delayPattern = /^(\d+)(ms|s|m|h|d)$/;

function readSchedule(text: string): number[] | string {
  if (text.trim() === '') return 'the schedule is empty; give at least one delay, e.g. 5s,5m,30m';
  const delays: number[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    const match = delayPattern.exec(item);
    if (!match) return `${JSON.stringify(item)} is not a delay: write a whole number and a unit (ms, s, m, h or d), e.g. 5m`;
    const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
    if (ms === 0) return `${JSON.stringify(item)} is no delay: each must be longer than 0`;
    if (ms > maxRetryDelayMs) return `${JSON.stringify(item)} is longer than 7 days, the longest delay between two attempts`;
    delays.push(ms);
  }
  return delays;
}

/** The problem with a WEBHOOK_RETRY_SCHEDULE value in one sentence, or null when it is a schedule (for a zod refine). */
export function retryScheduleProblem(text: string): string | null {
  const schedule = readSchedule(text);
  return typeof schedule === 'string' ? schedule : null;
}

/** The delays in milliseconds of a schedule such as `5s,5m,30m,2h,5h,10h,10h`; throws an Error naming the problem. */
export function parseRetrySchedule(text: string): number[] {
  const schedule = readSchedule(text);
  if (typeof schedule === 'string') throw new Error(`WEBHOOK_RETRY_SCHEDULE: ${schedule}`);
  return schedule;
}
