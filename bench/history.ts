/**
 * What recording history costs: the batch upsert of the domain, in process, on
 * one database, with the real store and with the same store minus its change
 * records (a port that drops them), in turn. The difference between the two is
 * the history alone: same validation, matching, plan and contact writes.
 */
import type { ContactStore } from '../src/contacts/store.js';
import { upsertContacts } from '../src/contacts/upsert.js';
import type { Database } from '../src/db/client.js';
import { createWorkspace } from '../src/workspaces/workspaces.js';
import { syncContact } from './workloads.js';

/** The store, with every change record dropped: what the service would cost without history. */
function withoutHistory(store: ContactStore): ContactStore {
  return { ...store, concurrentWrites: store.concurrentWrites, transaction: (work) => store.transaction((tx) => work({ ...tx, recordChanges: async () => {} })) };
}

/** Upserts `total` contacts in batches of `size`, `inFlight` at a time; contacts per second. */
async function load(store: ContactStore, workspaceId: string, total: number, size: number, inFlight: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + size);
      const outcomes = await upsertContacts(store, workspaceId, Array.from({ length: next - from }, (_, k) => syncContact(from + k)));
      if (outcomes.some((outcome) => outcome instanceof Error)) throw new Error('a bench upsert failed');
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return total / ((performance.now() - started) / 1000);
}

export interface HistoryCost {
  firstLoad: { with: number; without: number };
  unchangedReplay: { with: number; without: number };
}

/** Each side's median over `rounds` runs in turn, each on a fresh workspace of `db`. */
export async function historyCost(db: Database, total: number, size: number, inFlight: number, rounds = 3): Promise<HistoryCost> {
  const runs = { with: [] as { load: number; replay: number }[], without: [] as { load: number; replay: number }[] };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
      const store = side === 'with' ? db.contacts : withoutHistory(db.contacts);
      const { workspaceId } = await createWorkspace(db.workspaces, `history-${side}-${round}`);
      runs[side].push({ load: await load(store, workspaceId, total, size, inFlight), replay: await load(store, workspaceId, total, size, inFlight) });
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const of = (side: 'with' | 'without', phase: 'load' | 'replay') => median(runs[side].map((run) => run[phase]));
  return {
    firstLoad: { with: of('with', 'load'), without: of('without', 'load') },
    unchangedReplay: { with: of('with', 'replay'), without: of('without', 'replay') },
  };
}
