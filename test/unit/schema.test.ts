/** The printed schema is committed, current, and keeps the public contract. */
import { existsSync, readFileSync } from 'node:fs';
import {
  buildASTSchema,
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isUnionType,
  lexicographicSortSchema,
  parse,
  printSchema,
  printType,
  visit,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.js';

const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
const contractText = readFileSync(new URL('../../contract/contract.graphql', import.meta.url), 'utf8');
const contract = buildSchema(contractText);
const nextText = readFileSync(new URL('../../contract/contract-next.graphql', import.meta.url), 'utf8');
/** Where the contract is published, beside a checkout that has it (a plain clone has not). */
const published = new URL('../../../shared/api/contract.graphql', import.meta.url);
const publishedNext = new URL('../../../shared/api/contract-next.graphql', import.meta.url);

/** The schema without descriptions, which the contract leaves free, in the printed schema's order. */
const withoutDescriptions = (sdl: string): GraphQLSchema =>
  lexicographicSortSchema(
    buildASTSchema(visit(parse(sdl), { enter: (node) => ('description' in node && node.description ? { ...node, description: undefined } : undefined) })),
  );

/** A field as the SDL spells it: its name, arguments with defaults, and type. */
const fieldSignature = (field: GraphQLField<unknown, unknown>) =>
  `${field.name}(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`).join(', ')}): ${String(field.type)}`;

const fieldsOf = (type: GraphQLNamedType | undefined) => (isObjectType(type) ? type.getFields() : {});


/**
 * Contract types and root fields that later issues add. An entry leaves this
 * list when its part lands; the second test fails if one is left behind.
 */
const notYetBuilt = new Set<string>([]);

describe('schema.graphql', () => {
  it('is what the code prints (run `npm run codegen` after changing the schema)', () => {
    expect(committed.trim()).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });

  it('contains the public contract unchanged, apart from parts still to be built', () => {
    const breaking = findBreakingChanges(contract, buildSchema(committed))
      .map((change) => change.description)
      .filter((description) => !notYetBuilt.has(/^(?:Standard scalar )?(\S+) was removed/.exec(description)?.[1] ?? ''));
    expect(breaking).toEqual([]);
  });

  it('lists as not yet built only what is really missing', () => {
    const built = buildSchema(committed);
    for (const name of notYetBuilt) {
      const [type, field] = name.split('.');
      const exists = field ? Boolean(built.getType(type!) && (built.getType(type!) as { getFields(): object }).getFields()[field as never]) : Boolean(built.getType(type!));
      expect(exists, name).toBe(false);
    }
  });
});

describe('contract/contract-next.graphql: what the open issues add', () => {
  const next = withoutDescriptions(nextText);
  const current = withoutDescriptions(contractText);
  const built = withoutDescriptions(committed);
  const added = Object.values(next.getTypeMap()).filter((type) => !type.name.startsWith('__') && !current.getType(type.name));

  it('has each added type that is built exactly as it stands there', () => {
    expect(added.map((type) => type.name).sort()).toEqual([
      'ContactChange',
      'ContactChangeConnection',
      'ContactChangeEdge',
      'ContactChangeKind',
      'CreateWebhookEndpointInput',
      'CreateWebhookEndpointPayload',
      'CreateWebhookEndpointSuccess',
      'DeleteWebhookEndpointPayload',
      'DeleteWebhookEndpointSuccess',
      'FieldChange',
      'WebhookDelivery',
      'WebhookDeliveryStatus',
      'WebhookEndpoint',
    ]);
    for (const type of added) {
      const mine = built.getType(type.name);
      expect(mine && printType(mine), type.name).toBe(printType(type));
    }
  });

  it('has each added or changed field of an existing type exactly as it stands there', () => {
    const checked: string[] = [];
    for (const type of Object.values(current.getTypeMap())) {
      for (const [name, field] of Object.entries(fieldsOf(next.getType(type.name)))) {
        const before = fieldsOf(type)[name];
        if (before && fieldSignature(before) === fieldSignature(field)) continue;
        checked.push(`${type.name}.${name}`);
        const mine = fieldsOf(built.getType(type.name))[name];
        expect(mine && fieldSignature(mine), `${type.name}.${name}`).toBe(fieldSignature(field));
      }
    }
    expect(checked.sort()).toEqual([
      'Contact.history',
      'Mutation.createWebhookEndpoint',
      'Mutation.deleteWebhookEndpoint',
      'Mutation.upsertContact',
      'Mutation.upsertContacts',
      'Query.contactChanges',
      'Query.webhookEndpoints',
      'UpsertContactsPayload.unchangedCount',
    ]);
  });

  it('names only kinds of types the comparison prints', () => {
    for (const type of added) expect(isObjectType(type) || isEnumType(type) || isInputObjectType(type) || isUnionType(type), type.name).toBe(true);
  });
});

describe('contract/', () => {
  it.runIf(existsSync(published))('holds the published contract, byte for byte', () => {
    expect(contractText).toBe(readFileSync(published, 'utf8'));
  });

  it.runIf(existsSync(publishedNext))('holds the published contract-next, byte for byte', () => {
    expect(nextText).toBe(readFileSync(publishedNext, 'utf8'));
  });
});
