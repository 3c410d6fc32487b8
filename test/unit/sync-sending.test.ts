/** The sync's bookkeeping: which batches may not fly together, and which rows a checkpoint holds as answered. */
import { describe, expect, it } from 'vitest';
import { Acknowledgements } from '../../src/sync/checkpoint.js';
import { BatchKeys } from '../../src/sync/ordering.js';
import type { UpsertContactInput } from '../../src/sync/graphql/graphql.js';

const batch = (...inputs: UpsertContactInput[]) => {
  const keys = new BatchKeys();
  inputs.forEach((input) => keys.add(input));
  return keys;
};

describe('BatchKeys', () => {
  it('holds a row by its trackingId and by its email, as the server reads them', () => {
    const held = batch({ trackingId: ' crm-1 ', email: 'Ada@X.com' });
    expect(held.conflictsWith(batch({ trackingId: 'crm-1', email: 'other@x.com' }))).toBe(true);
    expect(held.conflictsWith(batch({ trackingId: 'crm-2', email: ' ADA@x.COM' }))).toBe(true);
    expect(held.conflictsWith(batch({ trackingId: 'crm-2', email: 'grace@x.com' }))).toBe(false);
  });

  it('keeps rows matched by email alone apart from rows matched by trackingId, whose contact may have that email', () => {
    const byEmail = batch({ trackingId: '  ', email: 'ada@x.com' });
    expect(byEmail.conflictsWith(batch({ trackingId: 'crm-1' }))).toBe(true);
    expect(batch({ trackingId: 'crm-1' }).conflictsWith(byEmail)).toBe(true);
    expect(byEmail.conflictsWith(batch({ email: 'grace@x.com' }))).toBe(false);
    expect(byEmail.conflictsWith(batch({ email: 'ADA@x.com' }))).toBe(true);
  });
});

describe('Acknowledgements', () => {
  it('keeps a low-water mark and the ranges answered beyond it, whatever order batches are answered in', () => {
    const acks = new Acknowledgements();
    acks.settle(11, 20);
    acks.settle(31, 40);
    expect(acks.state()).toEqual({ rowsDone: 0, done: [[11, 20], [31, 40]] });
    acks.settle(1, 10);
    expect(acks.state()).toEqual({ rowsDone: 20, done: [[31, 40]] });
    acks.settle(21, 30);
    expect(acks.state()).toEqual({ rowsDone: 40, done: [] });
  });

  it('skips on resume exactly the rows answered before, and lets new ranges span them', () => {
    const acks = new Acknowledgements({ rowsDone: 20, done: [[31, 40]] });
    expect([20, 21, 30, 31, 40, 41].map((row) => acks.answeredBefore(row))).toEqual([true, false, false, true, true, false]);
    // A batch of the resumed run holds rows 21–30 and 41–50, around the range answered before.
    acks.settle(21, 50);
    expect(acks.state()).toEqual({ rowsDone: 50, done: [] });
    expect(acks.answeredBefore(45)).toBe(false);
  });
});
