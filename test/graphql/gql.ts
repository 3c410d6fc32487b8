/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n": typeof types.UpsertContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n": typeof types.ContactFieldsFragmentDoc,
    "\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.UpsertContactDocument,
    "\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByIdDocument,
    "\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByTrackingIdDocument,
    "\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByEmailDocument,
};
const documents: Documents = {
    "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n": types.UpsertContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n": types.ContactFieldsFragmentDoc,
    "\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.UpsertContactDocument,
    "\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n": types.ContactByIdDocument,
    "\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n": types.ContactByTrackingIdDocument,
    "\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n": types.ContactByEmailDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n"): (typeof documents)["\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n"): (typeof documents)["\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n"): (typeof documents)["\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;