/** The one operation the sync client sends; `npm run codegen` types it. */
import { graphql } from './graphql/index.js';

export const SyncUpsertContacts = graphql(`
  mutation SyncUpsertContacts($inputs: [UpsertContactInput!]!, $dryRun: Boolean) {
    upsertContacts(inputs: $inputs, dryRun: $dryRun) {
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
