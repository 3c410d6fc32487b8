/**
 * Durations to a tenth of a millisecond: finer digits are timer noise, and
 * `2.8934940000181086` reads as a bug. Rounding twice changes nothing, so
 * rounding when an entry is stored and again when it is shown agrees.
 */
export function roundDurationMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
