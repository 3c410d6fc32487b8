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
