/**
 * New row ids: UUIDv7, time-ordered, so that rows sort by creation and inserts
 * append to the primary-key index. The random bytes come from a pool (see
 * docs/performance.md), so the millisecond and its counter are kept here, as
 * v7() itself keeps them (RFC 9562, method 1).
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const pool = new Uint8Array(4096);
let used = pool.length;
let lastMsecs = -Infinity;
let seq = 0;

function randomBytes16(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool.subarray(used, (used += 16));
}

export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMsecs) {
    // 31 random bits: room to count up within the millisecond.
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMsecs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  return v7({ random, msecs: lastMsecs, seq });
}
