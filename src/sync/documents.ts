/**
 * The one operation the sync client sends; `npm run codegen` types it. It asks
 * back the least the sync needs: the batch's counts, and per row only the
 * errors of a rejected one (a success answers `{}`), since a batch's answer is
 * held and parsed while others are in flight.
 */
import { graphql } from './graphql/index.js';

export const SyncUpsertContacts = graphql(`
  mutation SyncUpsertContacts($inputs: [UpsertContactInput!]!, $dryRun: Boolean) {
    upsertContacts(inputs: $inputs, dryRun: $dryRun) {
      createdCount
      updatedCount
      unchangedCount
      results {
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
