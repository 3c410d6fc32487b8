/** GraphQL documents shared by the suites; `npm run codegen` types them. */
import { graphql } from '../graphql/index.js';

export const ContactFieldsFragment = graphql(`
  fragment ContactFields on Contact {
    id
    trackingId
    email
    firstName
    lastName
    phone
    company
    title
    country
    numberAndStreet
    city
    state
    zipCode
    prefix
    suffix
    note
    createdAt
    updatedAt
  }
`);

export const UpsertContact = graphql(`
  mutation UpsertContact($input: UpsertContactInput!) {
    upsertContact(input: $input) {
      __typename
      ... on UpsertContactSuccess {
        result
        matchedBy
        changedFields
        contact {
          ...ContactFields
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const ContactById = graphql(`
  query ContactById($id: ID!) {
    contact(id: $id) {
      ...ContactFields
    }
  }
`);

export const ContactByTrackingId = graphql(`
  query ContactByTrackingId($trackingId: String!) {
    contactByTrackingId(trackingId: $trackingId) {
      ...ContactFields
    }
  }
`);

export const ContactByEmail = graphql(`
  query ContactByEmail($email: String!) {
    contactByEmail(email: $email) {
      ...ContactFields
    }
  }
`);

export const UpdateContact = graphql(`
  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {
    updateContact(id: $id, input: $input) {
      __typename
      ... on UpdateContactSuccess {
        changedFields
        contact {
          ...ContactFields
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          code
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const DeleteContact = graphql(`
  mutation DeleteContact($id: ID!) {
    deleteContact(id: $id) {
      __typename
      ... on DeleteContactSuccess {
        deletedId
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const CreateClient = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) {
      __typename
      ... on CreateClientSuccess {
        client {
          id
          name
        }
      }
      ... on ValidationError {
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const CreateInvestmentEntity = graphql(`
  mutation CreateInvestmentEntity($input: CreateInvestmentEntityInput!) {
    createInvestmentEntity(input: $input) {
      __typename
      ... on CreateInvestmentEntitySuccess {
        investmentEntity {
          id
          name
        }
      }
      ... on ValidationError {
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const AssignmentsFragment = graphql(`
  fragment Assignments on Contact {
    id
    clients {
      id
      name
    }
    investmentEntities {
      id
      name
    }
  }
`);

export const AssignContactToClient = graphql(`
  mutation AssignContactToClient($contactId: ID!, $clientId: ID!) {
    assignContactToClient(contactId: $contactId, clientId: $clientId) {
      __typename
      ... on AssignmentSuccess {
        contact {
          ...Assignments
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const UnassignContactFromClient = graphql(`
  mutation UnassignContactFromClient($contactId: ID!, $clientId: ID!) {
    unassignContactFromClient(contactId: $contactId, clientId: $clientId) {
      __typename
      ... on AssignmentSuccess {
        contact {
          ...Assignments
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const AssignContactToInvestmentEntity = graphql(`
  mutation AssignContactToInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {
    assignContactToInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {
      __typename
      ... on AssignmentSuccess {
        contact {
          ...Assignments
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const UnassignContactFromInvestmentEntity = graphql(`
  mutation UnassignContactFromInvestmentEntity($contactId: ID!, $investmentEntityId: ID!) {
    unassignContactFromInvestmentEntity(contactId: $contactId, investmentEntityId: $investmentEntityId) {
      __typename
      ... on AssignmentSuccess {
        contact {
          ...Assignments
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const ContactsPage = graphql(`
  query ContactsPage($first: Int, $after: String, $search: String) {
    contacts(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        cursor
        node {
          id
          email
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

export const ChangeFieldsFragment = graphql(`
  fragment ChangeFields on ContactChange {
    id
    kind
    time
    contactId
    changes {
      field
      from
      to
    }
    apiKeyId
    requestId
  }
`);

export const ContactChanges = graphql(`
  query ContactChanges($first: Int, $after: String) {
    contactChanges(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ChangeFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ContactHistory = graphql(`
  query ContactHistory($id: ID!, $first: Int, $after: String) {
    contact(id: $id) {
      history(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...ChangeFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const CreateWebhookEndpoint = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on CreateWebhookEndpointSuccess {
        secret
        endpoint {
          id
          url
          description
          enabled
          createdAt
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

export const WebhookEndpoints = graphql(`
  query WebhookEndpoints($first: Int) {
    webhookEndpoints {
      id
      url
      enabled
      deliveries(first: $first) {
        id
        eventId
        eventType
        status
        attempts
        lastAttemptAt
        nextAttemptAt
        responseStatus
      }
    }
  }
`);

export const DeleteWebhookEndpoint = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      __typename
      ... on DeleteWebhookEndpointSuccess {
        deletedId
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
