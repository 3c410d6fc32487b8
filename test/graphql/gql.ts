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
    "\n  query OrganisationsById($clientId: ID!, $investmentEntityId: ID!) {\n    client(id: $clientId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n    investmentEntity(id: $investmentEntityId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n  }\n": typeof types.OrganisationsByIdDocument,
    "\n  query ContactAssignments($id: ID!) {\n    contact(id: $id) {\n      ...Assignments\n    }\n  }\n": typeof types.ContactAssignmentsDocument,
    "\n  query Ping {\n    recentRequests(first: 1) {\n      id\n    }\n  }\n": typeof types.PingDocument,
    "\n  query ContactsBackwards($last: Int, $before: String, $search: String) {\n    contacts(last: $last, before: $before, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          clients {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": typeof types.ContactsBackwardsDocument,
    "\n  query ContactsWithOrganisations($first: Int!) {\n    contacts(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          clients {\n            id\n            name\n            contacts {\n              id\n            }\n          }\n          investmentEntities {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContactsWithOrganisationsDocument,
    "\n  query ClientWithContacts($id: ID!) {\n    client(id: $id) {\n      contacts {\n        id\n        clients {\n          id\n        }\n        investmentEntities {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ClientWithContactsDocument,
    "\n  query RecentRequests($first: Int) {\n    recentRequests(first: $first) {\n      id\n      time\n      method\n      path\n      operationName\n      status\n      userAgent\n      durationMs\n    }\n  }\n": typeof types.RecentRequestsDocument,
    "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      unchangedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n": typeof types.UpsertContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n": typeof types.ContactFieldsFragmentDoc,
    "\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.UpsertContactDocument,
    "\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByIdDocument,
    "\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByTrackingIdDocument,
    "\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n": typeof types.ContactByEmailDocument,
    "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on UpdateContactSuccess {\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.UpdateContactDocument,
    "\n  mutation DeleteContact($id: ID!) {\n    deleteContact(id: $id) {\n      __typename\n      ... on DeleteContactSuccess {\n        deletedId\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.DeleteContactDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      __typename\n      ... on CreateClientSuccess {\n        client {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation CreateInvestmentEntity($input: CreateInvestmentEntityInput!) {\n    createInvestmentEntity(input: $input) {\n      __typename\n      ... on CreateInvestmentEntitySuccess {\n        investmentEntity {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.CreateInvestmentEntityDocument,
    "\n  fragment Assignments on Contact {\n    id\n    clients {\n      id\n      name\n    }\n    investmentEntities {\n      id\n      name\n    }\n  }\n": typeof types.AssignmentsFragmentDoc,
    "\n  mutation AssignContactToClient($contactId: ID!, $clientId: ID!) {\n    assignContactToClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.AssignContactToClientDocument,
    "\n  mutation UnassignContactFromClient($contactId: ID!, $clientId: ID!) {\n    unassignContactFromClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.UnassignContactFromClientDocument,
    "\n  mutation AssignContactToInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    assignContactToInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.AssignContactToInvestmentEntityDocument,
    "\n  mutation UnassignContactFromInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    unassignContactFromInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.UnassignContactFromInvestmentEntityDocument,
    "\n  query ContactsPage($first: Int, $after: String, $search: String) {\n    contacts(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactsPageDocument,
};
const documents: Documents = {
    "\n  query OrganisationsById($clientId: ID!, $investmentEntityId: ID!) {\n    client(id: $clientId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n    investmentEntity(id: $investmentEntityId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n  }\n": types.OrganisationsByIdDocument,
    "\n  query ContactAssignments($id: ID!) {\n    contact(id: $id) {\n      ...Assignments\n    }\n  }\n": types.ContactAssignmentsDocument,
    "\n  query Ping {\n    recentRequests(first: 1) {\n      id\n    }\n  }\n": types.PingDocument,
    "\n  query ContactsBackwards($last: Int, $before: String, $search: String) {\n    contacts(last: $last, before: $before, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          clients {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": types.ContactsBackwardsDocument,
    "\n  query ContactsWithOrganisations($first: Int!) {\n    contacts(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          clients {\n            id\n            name\n            contacts {\n              id\n            }\n          }\n          investmentEntities {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ContactsWithOrganisationsDocument,
    "\n  query ClientWithContacts($id: ID!) {\n    client(id: $id) {\n      contacts {\n        id\n        clients {\n          id\n        }\n        investmentEntities {\n          id\n        }\n      }\n    }\n  }\n": types.ClientWithContactsDocument,
    "\n  query RecentRequests($first: Int) {\n    recentRequests(first: $first) {\n      id\n      time\n      method\n      path\n      operationName\n      status\n      userAgent\n      durationMs\n    }\n  }\n": types.RecentRequestsDocument,
    "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      unchangedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n": types.UpsertContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    trackingId\n    email\n    firstName\n    lastName\n    phone\n    company\n    title\n    country\n    numberAndStreet\n    city\n    state\n    zipCode\n    prefix\n    suffix\n    note\n    createdAt\n    updatedAt\n  }\n": types.ContactFieldsFragmentDoc,
    "\n  mutation UpsertContact($input: UpsertContactInput!) {\n    upsertContact(input: $input) {\n      __typename\n      ... on UpsertContactSuccess {\n        result\n        matchedBy\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.UpsertContactDocument,
    "\n  query ContactById($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n    }\n  }\n": types.ContactByIdDocument,
    "\n  query ContactByTrackingId($trackingId: String!) {\n    contactByTrackingId(trackingId: $trackingId) {\n      ...ContactFields\n    }\n  }\n": types.ContactByTrackingIdDocument,
    "\n  query ContactByEmail($email: String!) {\n    contactByEmail(email: $email) {\n      ...ContactFields\n    }\n  }\n": types.ContactByEmailDocument,
    "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on UpdateContactSuccess {\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.UpdateContactDocument,
    "\n  mutation DeleteContact($id: ID!) {\n    deleteContact(id: $id) {\n      __typename\n      ... on DeleteContactSuccess {\n        deletedId\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.DeleteContactDocument,
    "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      __typename\n      ... on CreateClientSuccess {\n        client {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.CreateClientDocument,
    "\n  mutation CreateInvestmentEntity($input: CreateInvestmentEntityInput!) {\n    createInvestmentEntity(input: $input) {\n      __typename\n      ... on CreateInvestmentEntitySuccess {\n        investmentEntity {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n": types.CreateInvestmentEntityDocument,
    "\n  fragment Assignments on Contact {\n    id\n    clients {\n      id\n      name\n    }\n    investmentEntities {\n      id\n      name\n    }\n  }\n": types.AssignmentsFragmentDoc,
    "\n  mutation AssignContactToClient($contactId: ID!, $clientId: ID!) {\n    assignContactToClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.AssignContactToClientDocument,
    "\n  mutation UnassignContactFromClient($contactId: ID!, $clientId: ID!) {\n    unassignContactFromClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.UnassignContactFromClientDocument,
    "\n  mutation AssignContactToInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    assignContactToInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.AssignContactToInvestmentEntityDocument,
    "\n  mutation UnassignContactFromInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    unassignContactFromInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.UnassignContactFromInvestmentEntityDocument,
    "\n  query ContactsPage($first: Int, $after: String, $search: String) {\n    contacts(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.ContactsPageDocument,
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
export function graphql(source: "\n  query OrganisationsById($clientId: ID!, $investmentEntityId: ID!) {\n    client(id: $clientId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n    investmentEntity(id: $investmentEntityId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganisationsById($clientId: ID!, $investmentEntityId: ID!) {\n    client(id: $clientId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n    investmentEntity(id: $investmentEntityId) {\n      id\n      name\n      contacts {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactAssignments($id: ID!) {\n    contact(id: $id) {\n      ...Assignments\n    }\n  }\n"): (typeof documents)["\n  query ContactAssignments($id: ID!) {\n    contact(id: $id) {\n      ...Assignments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ping {\n    recentRequests(first: 1) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Ping {\n    recentRequests(first: 1) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsBackwards($last: Int, $before: String, $search: String) {\n    contacts(last: $last, before: $before, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          clients {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsBackwards($last: Int, $before: String, $search: String) {\n    contacts(last: $last, before: $before, search: $search) {\n      edges {\n        cursor\n        node {\n          id\n          clients {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsWithOrganisations($first: Int!) {\n    contacts(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          clients {\n            id\n            name\n            contacts {\n              id\n            }\n          }\n          investmentEntities {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsWithOrganisations($first: Int!) {\n    contacts(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          clients {\n            id\n            name\n            contacts {\n              id\n            }\n          }\n          investmentEntities {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientWithContacts($id: ID!) {\n    client(id: $id) {\n      contacts {\n        id\n        clients {\n          id\n        }\n        investmentEntities {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientWithContacts($id: ID!) {\n    client(id: $id) {\n      contacts {\n        id\n        clients {\n          id\n        }\n        investmentEntities {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentRequests($first: Int) {\n    recentRequests(first: $first) {\n      id\n      time\n      method\n      path\n      operationName\n      status\n      userAgent\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  query RecentRequests($first: Int) {\n    recentRequests(first: $first) {\n      id\n      time\n      method\n      path\n      operationName\n      status\n      userAgent\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      unchangedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {\n    upsertContacts(inputs: $inputs) {\n      createdCount\n      updatedCount\n      unchangedCount\n      failedCount\n      results {\n        __typename\n        ... on UpsertContactSuccess {\n          result\n          matchedBy\n          changedFields\n          contact {\n            ...ContactFields\n          }\n        }\n        ... on ValidationError {\n          fieldErrors {\n            field\n            code\n          }\n        }\n      }\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on UpdateContactSuccess {\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on UpdateContactSuccess {\n        changedFields\n        contact {\n          ...ContactFields\n        }\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteContact($id: ID!) {\n    deleteContact(id: $id) {\n      __typename\n      ... on DeleteContactSuccess {\n        deletedId\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteContact($id: ID!) {\n    deleteContact(id: $id) {\n      __typename\n      ... on DeleteContactSuccess {\n        deletedId\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      __typename\n      ... on CreateClientSuccess {\n        client {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClient($input: CreateClientInput!) {\n    createClient(input: $input) {\n      __typename\n      ... on CreateClientSuccess {\n        client {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvestmentEntity($input: CreateInvestmentEntityInput!) {\n    createInvestmentEntity(input: $input) {\n      __typename\n      ... on CreateInvestmentEntitySuccess {\n        investmentEntity {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvestmentEntity($input: CreateInvestmentEntityInput!) {\n    createInvestmentEntity(input: $input) {\n      __typename\n      ... on CreateInvestmentEntitySuccess {\n        investmentEntity {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        fieldErrors {\n          field\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Assignments on Contact {\n    id\n    clients {\n      id\n      name\n    }\n    investmentEntities {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment Assignments on Contact {\n    id\n    clients {\n      id\n      name\n    }\n    investmentEntities {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignContactToClient($contactId: ID!, $clientId: ID!) {\n    assignContactToClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignContactToClient($contactId: ID!, $clientId: ID!) {\n    assignContactToClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnassignContactFromClient($contactId: ID!, $clientId: ID!) {\n    unassignContactFromClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnassignContactFromClient($contactId: ID!, $clientId: ID!) {\n    unassignContactFromClient(contactId: $contactId, clientId: $clientId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignContactToInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    assignContactToInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignContactToInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    assignContactToInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnassignContactFromInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    unassignContactFromInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnassignContactFromInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {\n    unassignContactFromInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {\n      __typename\n      ... on AssignmentSuccess {\n        contact {\n          ...Assignments\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsPage($first: Int, $after: String, $search: String) {\n    contacts(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsPage($first: Int, $after: String, $search: String) {\n    contacts(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;