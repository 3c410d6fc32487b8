/**
 * Which batches must not be in flight together, so that every contact's rows
 * apply in file order. A row reaches the contact with its trackingId when it
 * has one, else the contact with its email. So two rows may touch one contact
 * when they share a trackingId or an email key — or when one is matched by
 * email alone and the other by trackingId: the contact of a trackingId may
 * carry any email, and nothing in the rows says which.
 */
import { emailKey } from '../contacts/fields.js';
import type { UpsertContactInput } from './graphql/graphql.js';

export class BatchKeys {
  private readonly keys = new Set<string>();
  /** Holds a row matched by trackingId. */
  private tracked = false;
  /** Holds a row matched by email alone. */
  private emailOnly = false;

  /** Adds a row's keys, read as the server reads them: trimmed, the email by its case-insensitive key. */
  add(input: UpsertContactInput): void {
    const trackingId = input.trackingId?.trim();
    const email = input.email?.trim();
    if (trackingId) {
      this.tracked = true;
      this.keys.add(`t:${trackingId}`);
    } else if (email) {
      this.emailOnly = true;
    }
    // The email of a row with a trackingId matters too: it may be taken, or create the contact another row finds by email.
    if (email) this.keys.add(`e:${emailKey(email)}`);
  }

  /** Whether a row of this batch may touch a contact that a row of `other` touches. */
  conflictsWith(other: BatchKeys): boolean {
    if ((this.emailOnly && other.tracked) || (this.tracked && other.emailOnly)) return true;
    const [small, large] = this.keys.size <= other.keys.size ? [this.keys, other.keys] : [other.keys, this.keys];
    for (const key of small) if (large.has(key)) return true;
    return false;
  }
}
