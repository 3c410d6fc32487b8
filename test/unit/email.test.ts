import fc from 'fast-check';
import validator from 'validator';
import { describe, expect, it } from 'vitest';
import { isEmail } from '../../src/contacts/validate.js';

/** Near-misses of the common shape: the characters it allows and the ones that trip it, around one or two @. */
const nearMiss = fc.stringMatching(/^[A-Za-z0-9._+!~-]{0,70}@[A-Za-z0-9._-]{0,70}(@[a-z]{0,3})?$/);

describe('isEmail', () => {
  it('agrees with validator.isEmail on every edge of the common shape', () => {
    const cases = [
      'ada@example.com',
      'Ada.Lovelace+crm@mail.Example.CO',
      "o'brien!#$%&*/=?^_`{|}~-@x.io",
      'a..b@example.com',
      '.a@example.com',
      'a.@example.com',
      'a@-example.com',
      'a@example-.com',
      'a@ex--ample.com',
      'a@example.c',
      'a@example.123',
      'a@example',
      'a@.example.com',
      'a@example..com',
      'a@exa_mple.com',
      'a@b@example.com',
      '"quoted local"@example.com',
      'ünïcode@example.com',
      'a@xn--80ak6aa92e.com',
      `${'a'.repeat(64)}@example.com`,
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(63)}.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${'b.'.repeat(124)}com`,
      '',
      '@example.com',
      'a@',
    ];
    for (const value of cases) expect([value, isEmail(value)]).toEqual([value, validator.isEmail(value)]);
  });

  it('agrees with validator.isEmail on generated addresses and near-misses', () => {
    fc.assert(
      fc.property(fc.oneof(nearMiss, fc.emailAddress(), fc.string({ unit: 'binary', maxLength: 80 })), (value) => {
        expect(isEmail(value)).toBe(validator.isEmail(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
