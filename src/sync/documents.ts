/** The one operation the sync client sends; `npm run codegen` types it. */
import { graphql } from './graphql/index.js';

export const SyncUpsertContacts = graphql(`
  mutation SyncUpsertContacts($inputs: [UpsertContactInput!]!) {
    upsertContacts(inputs: $inputs) {
      results {
        __typename
        ... on UpsertContactSuccess {
          result
          changedFields
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
  }
`);
