/**
 * Upsert of contacts: match by trackingId, else by email (case-insensitively),
 * then create or update. One transaction per call — a single contact or a whole
 * batch — run again from the start if a concurrent transaction won a race for
 * the same key, so concurrent callers never duplicate a contact or see an error.
 */
import type { ContactRow } from './contact.js';
import { ValidationError } from './errors.js';
import { GroupCommit } from './group-commit.js';
import { noActor, type Actor } from './history.js';
import type { ContactStore, ContactTransaction } from './store.js';
import { emailKeysToLookUp, planUpserts, trackingIdsToLookUp, type PlanItem, type UpsertOutcome } from './upsert-plan.js';
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

export interface UpsertOptions {
  /**
   * Validate, match and plan exactly as the real call, and write nothing: the
   * outcomes are the ones the call would have had, had it run now.
   */
  dryRun?: boolean;
  /** Who sends it: recorded with the changes it makes. */
  actor?: Actor;
}

/** Validates `raw` and upserts it in the workspace; throws ValidationError, writing nothing. */
export async function upsertContact(
  store: ContactStore,
  workspaceId: string,
  raw: Readonly<Record<string, unknown>>,
  options: UpsertOptions = {},
): Promise<UpsertOutcome> {
  const outcome = await upsertOne(store, workspaceId, raw, options);
  if (outcome instanceof ValidationError) throw outcome;
  return outcome;
}

/**
 * One upsert, as a caller of the single mutation sends it. Concurrent single
 * upserts to a workspace are written together (see GroupCommit): the outcome of
 * each is the one it would have had, had they been sent one after another in
 * the order they arrived.
 */
export async function upsertOne(
  store: ContactStore,
  workspaceId: string,
  raw: Readonly<Record<string, unknown>>,
  { dryRun = false, actor = noActor }: UpsertOptions = {},
): Promise<UpsertOutcome | ValidationError> {
  const item = { ...validateContactInput(raw), actor };
  // A dry run never joins a group: a group's transaction writes.
  if (dryRun) return (await planOnly(store, workspaceId, [item]))[0]!;
  let groups = groupsOf.get(store);
  if (!groups) groupsOf.set(store, (groups = new Map()));
  let group = groups.get(workspaceId);
  if (!group) {
    group = new GroupCommit((items) => writeUpserts(store, workspaceId, items), store.concurrentWrites, maxBatchSize);
    groups.set(workspaceId, group);
  }
  return group.submit(item);
}

const groupsOf = new WeakMap<ContactStore, Map<string, GroupCommit<PlanItem, UpsertOutcome | ValidationError>>>();

/**
 * Upserts each input as if sent one after another, in one transaction.
 * `results[i]` answers `inputs[i]`: an invalid item fails alone.
 */
export async function upsertContacts(
  store: ContactStore,
  workspaceId: string,
  inputs: readonly Readonly<Record<string, unknown>>[],
  { dryRun = false, actor = noActor }: UpsertOptions = {},
): Promise<(UpsertOutcome | ValidationError)[]> {
  if (inputs.length > maxBatchSize) throw new RangeError(`at most ${maxBatchSize} inputs per call`);
  const items = inputs.map((raw) => ({ ...validateContactInput(raw), actor }));
  return dryRun ? planOnly(store, workspaceId, items) : writeUpserts(store, workspaceId, items);
}

function writeUpserts(store: ContactStore, workspaceId: string, items: PlanItem[]): Promise<(UpsertOutcome | ValidationError)[]> {
  return store.transaction(async (tx) => {
    const plan = planUpserts(workspaceId, items, await findReachable(tx, workspaceId, items), new Date());
    await tx.insert(plan.creates);
    await tx.update(plan.updates);
    await tx.recordChanges(plan.changes);
    return plan.outcomes;
  });
}

/**
 * The dry run: the same reads and the same plan as writeUpserts, in a
 * transaction of its own so both reads see one state, and no write. The plan
 * is computed in memory, so a later item already sees what an earlier one of
 * the same batch would have created or changed.
 */
function planOnly(store: ContactStore, workspaceId: string, items: PlanItem[]): Promise<(UpsertOutcome | ValidationError)[]> {
  return store.transaction(async (tx) => planUpserts(workspaceId, items, await findReachable(tx, workspaceId, items), new Date()).outcomes);
}

/**
 * Every contact an input's keys can match or collide with: one lookup per key
 * column, so that each is answered from its own unique index. Emails only where
 * the trackingId found nothing, so a replay reads each contact once.
 */
async function findReachable(tx: ContactTransaction, workspaceId: string, items: readonly Validated[]): Promise<ContactRow[]> {
  const byTrackingId = await tx.findByTrackingIds(workspaceId, trackingIdsToLookUp(items));
  const emailKeys = emailKeysToLookUp(items, new Set(byTrackingId.map((contact) => contact.trackingId!)));
  const byEmailKey = await tx.findByEmailKeys(workspaceId, emailKeys);
  if (!byEmailKey.length) return byTrackingId; // a replay: every input was found by its trackingId
  // A contact found both ways is the same row read twice: keep one.
  return [...new Map([...byTrackingId, ...byEmailKey].map((contact) => [contact.id, contact])).values()];
}
