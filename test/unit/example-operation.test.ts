/** The operation GraphiQL opens with is valid, and is the one the README shows. */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { expect, it } from 'vitest';
import { exampleOperation } from '../../src/graphql/example-operation.js';
import { schema } from '../../src/graphql/schema/index.js';

it('is valid against the schema', () => {
  expect(validate(schema, parse(exampleOperation)).map(({ message }) => message)).toEqual([]);
});

it('appears in the README word for word, as a graphql block', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toContain('```graphql\n' + exampleOperation + '```\n');
});
