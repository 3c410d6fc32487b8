/**
 * Malformed requests, generated from a seed (fast-check) so that a failing run
 * can be replayed: invalid UTF-8, lone surrogates, NUL bytes, wrong JSON types,
 * huge strings, alias, depth, fragment and directive bombs, 1,001-item batches,
 * oversized bodies and slow senders, to /graphql (POST and GET) and the REST route.
 */
import fc from 'fast-check';

export interface BadRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent in this many pieces, a pause between each (a slow sender); with `abort`, it stops halfway. */
  slow?: { pieces: number; pauseMs: number; abort: boolean };
}

const fields = ['trackingId', 'email', 'firstName', 'lastName', 'phone', 'company', 'title', 'country', 'numberAndStreet', 'city', 'state', 'zipCode', 'prefix', 'suffix', 'note'];
const upsertOne = 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }';
const upsertMany = 'mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { failedCount createdCount } }';
const lookups = [
  'query($v: String!) { contactByTrackingId(trackingId: $v) { id } }',
  'query($v: String!) { contactByEmail(email: $v) { id } }',
  'query($v: ID!) { contact(id: $v) { id } }',
  'query($v: String) { contacts(first: 5, search: $v) { edges { node { id } } } }',
];

/** Strings a careless or hostile client sends. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud83d', '\u007f', '\u0085', '\u202e', '\uFEFF', '', '   ', '\r\n', '@', 'a@b', '%00', '\\'),
  fc.integer({ min: 256, max: 20_000 }).map((n) => 'é'.repeat(n)),
);
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
const contactInput = fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), fc.oneof(nasty, wrongType), { maxKeys: 8 });

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
/** Bytes that are not UTF-8: stray continuations, overlong forms, encoded surrogates, truncated sequences. */
const invalidUtf8 = fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]);

/** A valid-looking JSON body with invalid UTF-8 bytes inside one string. */
const withInvalidUtf8 = fc.tuple(invalidUtf8, fc.constantFrom(...fields), fc.boolean()).map(([bytes, field, batch]) => {
  const marker = 'INVALID_BYTES_HERE';
  const input = { email: 'utf8@example.com', firstName: 'Bad', lastName: 'Bytes', [field]: `a${marker}b` };
  const text = JSON.stringify(batch ? { query: upsertMany, variables: { inputs: [input] } } : { query: upsertOne, variables: { input } });
  const [before, after] = text.split(marker) as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
});

const aliasBomb = fc.integer({ min: 16, max: 3000 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`);
const depthBomb = fc.integer({ min: 11, max: 2000 }).map((depth) => `{ ${'contact(id: "x") { clients { contacts { '.repeat(depth)} id ${'} } }'.repeat(depth)} }`);
const fragmentBomb = fc.oneof(
  fc.constant('fragment A on Query { ...B } fragment B on Query { ...A } { ...A }'),
  fc.integer({ min: 10, max: 40 }).map(
    (levels) =>
      `{ contacts(first: 1) { edges { node { ...F${levels} } } } } fragment F0 on Contact { id email } ` +
      Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Contact { ...F${i} ...F${i} }`).join(' '),
  ),
);
const directiveBomb = fc.integer({ min: 21, max: 3000 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`);
const tokenBomb = fc.integer({ min: 2001, max: 50_000 }).map((n) => `{ ${'__typename '.repeat(n)}}`);
const wideSearch = fc.integer({ min: 500, max: 5000 }).map((words) => Array.from({ length: words }, (_, i) => `w${i}`).join(' '));

const graphqlBody: fc.Arbitrary<[string, Buffer]> = fc.oneof(
  { weight: 10, arbitrary: contactInput.map((input): [string, Buffer] => ['upsert: odd fields', json({ query: upsertOne, variables: { input } })]) },
  {
    weight: 6,
    arbitrary: fc.array(contactInput, { maxLength: 20 }).map((inputs): [string, Buffer] => ['batch: odd fields', json({ query: upsertMany, variables: { inputs } })]),
  },
  { weight: 6, arbitrary: withInvalidUtf8.map((body): [string, Buffer] => ['invalid UTF-8', body]) },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(...lookups), fc.oneof(nasty, wrongType)).map(([query, v]): [string, Buffer] => ['lookup: odd key', json({ query, variables: { v } })]),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({ query: fc.oneof(fc.string({ maxLength: 60 }), wrongType), variables: fc.oneof(wrongType, nasty), operationName: fc.oneof(wrongType, nasty), extensions: fc.oneof(wrongType, nasty) }, { requiredKeys: [] })
      .map((body): [string, Buffer] => ['wrong JSON types', json(body)]),
  },
  { weight: 3, arbitrary: fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 100 }), fc.integer({ min: 100, max: 20_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`)).map((text): [string, Buffer] => ['not a GraphQL request', Buffer.from(text)]) },
  { weight: 2, arbitrary: aliasBomb.map((query): [string, Buffer] => ['alias bomb', json({ query })]) },
  { weight: 2, arbitrary: depthBomb.map((query): [string, Buffer] => ['depth bomb', json({ query })]) },
  { weight: 2, arbitrary: fragmentBomb.map((query): [string, Buffer] => ['fragment bomb', json({ query })]) },
  { weight: 1, arbitrary: directiveBomb.map((query): [string, Buffer] => ['directive bomb', json({ query })]) },
);

/** Heavy requests, a fixed few of each: their cost is in their size, not their number. */
const heavyBody: fc.Arbitrary<[string, Buffer]>[] = [
  fc.tuple(fc.constantFrom(...fields), fc.integer({ min: 10_000, max: 400_000 })).map(([field, n]): [string, Buffer] => [
    'huge string',
    json({ query: upsertOne, variables: { input: { email: 'huge@example.com', firstName: 'Huge', lastName: 'String', [field]: 'x'.repeat(n) } } }),
  ]),
  tokenBomb.map((query): [string, Buffer] => ['token bomb', json({ query })]),
  wideSearch.map((v): [string, Buffer] => ['wide search', json({ query: lookups[3], variables: { v } })]),
  fc.integer({ min: 1001, max: 1100 }).map((n): [string, Buffer] => [
    '1,001-item batch',
    json({ query: upsertMany, variables: { inputs: Array.from({ length: n }, (_, i) => ({ email: `over-${i}@example.com`, firstName: 'Over', lastName: 'Limit' })) } }),
  ]),
];
const heavyEach = 15;

const restBody: fc.Arbitrary<[string, Buffer]> = fc.oneof(
  { weight: 6, arbitrary: contactInput.map((input): [string, Buffer] => ['REST: odd fields', json(input)]) },
  { weight: 3, arbitrary: withInvalidUtf8.map((body): [string, Buffer] => ['REST: invalid UTF-8', body]) },
  { weight: 2, arbitrary: fc.oneof(wrongType, fc.json().map((j) => JSON.parse(j) as unknown)).map((value): [string, Buffer] => ['REST: wrong JSON type', json(value)]) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }).map((text): [string, Buffer] => ['REST: not JSON', Buffer.from(text)]) },
);

/** GET /graphql with a query string a client got wrong: malformed JSON variables or extensions, bad escapes, bombs. */
const getQuery: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom(...lookups), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('{', '{"v":', '[1,', 'null', '"x"', '{"v": "\\ud800"}', '{"v": "a\\u0000b"}'))).map(([query, variables]): [string, string] => [
    'GET: malformed variables',
    `query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`,
  ]),
  fc.string({ maxLength: 20 }).map((extensions): [string, string] => ['GET: malformed extensions', `query=${encodeURIComponent('{ __typename }')}&extensions=${encodeURIComponent(extensions)}`]),
  fc.constantFrom('%ZZ', '%C0%80', '%FF%FE', '%ED%A0%80', '%00', '%E2%82').map((escape): [string, string] => ['GET: bad escapes', `query=${escape}&variables=${escape}`]),
  fc.oneof(aliasBomb, depthBomb.filter((q) => q.length < 30_000), fragmentBomb).map((query): [string, string] => ['GET: bomb', `query=${encodeURIComponent(query)}`]),
  fc.constant<[string, string]>(['GET: mutation over GET', `query=${encodeURIComponent(upsertOne)}&variables=${encodeURIComponent('{"input":{"email":"get@example.com"}}')}`]),
);

const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1');

export function badRequests(seed: number, count: number, apiKey: string): BadRequest[] {
  const auth = { authorization: `Bearer ${apiKey}` };
  const request: fc.Arbitrary<BadRequest> = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.tuple(graphqlBody, contentType).map(([[kind, body], type]): BadRequest => ({ kind, method: 'POST', path: '/graphql', headers: { ...auth, ...(type ? { 'content-type': type } : {}) }, body })),
    },
    { weight: 4, arbitrary: restBody.map(([kind, body]): BadRequest => ({ kind, method: 'POST', path: '/api/v1/idm/contacts/upsert', headers: { ...auth, 'content-type': 'application/json' }, body })) },
    { weight: 3, arbitrary: getQuery.map(([kind, query]): BadRequest => ({ kind, method: 'GET', path: `/graphql?${query}`, headers: { ...auth, accept: 'application/json', 'x-graphql-yoga-csrf': '1' } })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('Bearer', 'Bearer ', 'Basic x', `Bearer ${apiKey}x`, 'Bearer cak_\u00e9', 'bearer   '), graphqlBody).map(([authorization, [kind, body]]): BadRequest => ({
        kind: `bad key, ${kind}`,
        method: 'POST',
        path: '/graphql',
        headers: { authorization: Buffer.from(authorization).toString('latin1'), 'content-type': 'application/json' },
        body,
      })),
    },
  );
  const post = (path: string) => ([kind, body]: [string, Buffer]): BadRequest => ({ kind, method: 'POST', path, headers: { ...auth, 'content-type': 'application/json' }, body });
  const heavy: fc.Arbitrary<BadRequest>[] = [
    ...heavyBody.map((body) => body.map(post('/graphql'))),
    fc.integer({ min: 256 * 1024 + 1, max: 400 * 1024 }).map((n) => post('/api/v1/idm/contacts/upsert')(['REST: oversized body', json({ email: 'big@example.com', note: 'x'.repeat(n) })])),
    fc.tuple(fc.constantFrom('/graphql', '/api/v1/idm/contacts/upsert'), fc.integer({ min: 2 * 1024 * 1024 + 1, max: 3 * 1024 * 1024 })).map(([path, n]) => post(path)(['oversized body', Buffer.alloc(n, 0x20)])),
    ...[false, true].map((abort) =>
      fc.tuple(graphqlBody, fc.integer({ min: 3, max: 6 })).map(
        ([[, body], pieces]): BadRequest => ({ ...post('/graphql')([abort ? 'slow sender, gone halfway' : 'slow sender', body]), slow: { pieces, pauseMs: 100, abort } }),
      ),
    ),
  ];
  const few = heavy.flatMap((arbitrary, i) => fc.sample(arbitrary, { seed: seed + i + 1, numRuns: heavyEach }));
  return [...fc.sample(request, { seed, numRuns: Math.max(0, count - few.length) }), ...few];
}
