/**
 * Upsert of contacts: match by trackingId, else by email (case-insensitively),
 * then create or update. One transaction per call — a single contact or a whole
 * batch — run again from the start if a concurrent transaction won a race for
 * the same key, so concurrent callers never duplicate a contact or see an error.
 */
import type { ContactRow } from './contact.js';
import { ValidationError } from './errors.js';
import { GroupCommit } from './group-commit.js';
import type { ContactStore, ContactTransaction } from './store.js';
import { emailKeysToLookUp, planUpserts, trackingIdsToLookUp, type UpsertOutcome } from './upsert-plan.js';
import { validateContactInput, type Validated } from './validate.js';

export type { MatchKey, UpsertOutcome } from './upsert-plan.js';
export { changedValues, emailTaken, withSearchText } from './upsert-plan.js';

/** What happened to one input: created, changed, matched but unchanged (a replay), or rejected. */
export type UpsertKind = 'created' | 'updated' | 'unchanged' | 'failed';

export function upsertKind(outcome: UpsertOutcome | ValidationError): UpsertKind {
  if (outcome instanceof ValidationError) return 'failed';
  if (outcome.result === 'CREATED') return 'created';
  return outcome.changedFields.length ? 'updated' : 'unchanged';
}

/** How many of `outcomes` are of each kind. */
export function countKinds(outcomes: readonly (UpsertOutcome | ValidationError)[]): Record<UpsertKind, number> {
  const counts: Record<UpsertKind, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const outcome of outcomes) counts[upsertKind(outcome)]++;
  return counts;
}

/** Told the outcomes of every upsert call (metrics count them). */
export interface UpsertObserver {
  observeUpserts(outcomes: readonly (UpsertOutcome | ValidationError)[]): void;
}

/** Most inputs one call may carry. */
export const maxBatchSize = 1000;

/** Validates `raw` and upserts it in the workspace; throws ValidationError, writing nothing. */
export async function upsertContact(store: ContactStore, workspaceId: string, raw: Readonly<Record<string, unknown>>): Promise<UpsertOutcome> {
  const outcome = await upsertOne(store, workspaceId, raw);
  if (outcome instanceof ValidationError) throw outcome;
  return outcome;
}

/**
 * One upsert, as a caller of the single mutation sends it. Concurrent single
 * upserts to a workspace are written together (see GroupCommit): the outcome of
 * each is the one it would have had, had they been sent one after another in
 * the order they arrived.
 */
export function upsertOne(store: ContactStore, workspaceId: string, raw: Readonly<Record<string, unknown>>): Promise<UpsertOutcome | ValidationError> {
  let groups = groupsOf.get(store);
  if (!groups) groupsOf.set(store, (groups = new Map()));
  let group = groups.get(workspaceId);
  if (!group) {
    group = new GroupCommit((items) => writeUpserts(store, workspaceId, items), store.concurrentWrites, maxBatchSize);
    groups.set(workspaceId, group);
  }
  return group.submit(validateContactInput(raw));
}

const groupsOf = new WeakMap<ContactStore, Map<string, GroupCommit<Validated, UpsertOutcome | ValidationError>>>();

/**
 * Upserts each input as if sent one after another, in one transaction.
 * `results[i]` answers `inputs[i]`: an invalid item fails alone.
 */
export async function upsertContacts(
  store: ContactStore,
  workspaceId: string,
  inputs: readonly Readonly<Record<string, unknown>>[],
): Promise<(UpsertOutcome | ValidationError)[]> {
  if (inputs.length > maxBatchSize) throw new RangeError(`at most ${maxBatchSize} inputs per call`);
  return writeUpserts(store, workspaceId, inputs.map((raw) => validateContactInput(raw)));
}

function writeUpserts(store: ContactStore, workspaceId: string, items: Validated[]): Promise<(UpsertOutcome | ValidationError)[]> {
  return store.transaction(async (tx) => {
    const plan = planUpserts(workspaceId, items, await findReachable(tx, workspaceId, items), new Date());
    await tx.insert(plan.creates);
    await tx.update(plan.updates);
    return plan.outcomes;
  });
}

/**
 * Every contact an input's keys can match or collide with: one lookup per key
 * column, so that each is answered from its own unique index. Emails only where
 * the trackingId found nothing, so a replay reads each contact once.
 */
async function findReachable(tx: ContactTransaction, workspaceId: string, items: Validated[]): Promise<ContactRow[]> {
  const byTrackingId = await tx.findByTrackingIds(workspaceId, trackingIdsToLookUp(items));
  const emailKeys = emailKeysToLookUp(items, new Set(byTrackingId.map((contact) => contact.trackingId!)));
  const byEmailKey = await tx.findByEmailKeys(workspaceId, emailKeys);
  if (!byEmailKey.length) return byTrackingId; // a replay: every input was found by its trackingId
  // A contact found both ways is the same row read twice: keep one.
  return [...new Map([...byTrackingId, ...byEmailKey].map((contact) => [contact.id, contact])).values()];
}
