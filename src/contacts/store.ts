/**
 * What the domain needs from persistence: the port. Each database has one
 * implementation (src/db/sqlite, src/db/postgresql); the domain never knows which.
 */
import type { ContactRow, OrganisationRow } from './contact.js';
import type { ContactChangeRecord } from './history.js';

export type OrganisationKind = 'client' | 'investmentEntity';

export interface ContactStore {
  /** Write transactions worth running at once: more only wait for a lock or a connection. */
  readonly concurrentWrites: number;
  /**
   * Runs `work` in one interactive transaction: committed when it resolves,
   * rolled back when it throws. Run again from the start when it lost a race to
   * a concurrent transaction, so `work` must not act outside the transaction.
   */
  transaction<T>(work: (tx: ContactTransaction) => Promise<T>): Promise<T>;
  createOrganisation(kind: OrganisationKind, workspaceId: string, name: string): Promise<OrganisationRow>;
  /** Deletes up to `limit` of the oldest changes recorded before `before`; answers how many went. */
  pruneChanges(before: Date, limit: number): Promise<number>;
}

/** The statements of one transaction, each scoped to a workspace. */
export interface ContactTransaction {
  /** The workspace's contacts with these trackingIds (exact). */
  findByTrackingIds(workspaceId: string, trackingIds: readonly string[]): Promise<ContactRow[]>;
  /** The workspace's contacts with these email keys. */
  findByEmailKeys(workspaceId: string, emailKeys: readonly string[]): Promise<ContactRow[]>;
  findById(workspaceId: string, id: string): Promise<ContactRow | null>;
  /** Inserts complete rows. */
  insert(rows: readonly ContactRow[]): Promise<void>;
  /** Writes every column but the id and workspace of each row, found by its id in its workspace. */
  update(rows: readonly ContactRow[]): Promise<void>;
  /** Deletes the contact with its assignments; false when there was none. */
  delete(workspaceId: string, id: string): Promise<boolean>;
  organisationExists(kind: OrganisationKind, workspaceId: string, id: string): Promise<boolean>;
  /**
   * Records changes in their workspaces' feeds, in the order given. A change's
   * place is taken while the transaction writes its workspace alone, so that
   * places commit in order and a reader of the feed never passes one that is
   * still to commit.
   */
  recordChanges(changes: readonly ContactChangeRecord[]): Promise<void>;
  /** Links or unlinks an existing contact and organisation of one workspace; idempotent. */
  setAssignment(kind: OrganisationKind, workspaceId: string, organisationId: string, contactId: string, assigned: boolean): Promise<void>;
}
