/**
 * Group commit: items that arrive while earlier ones are being written wait for
 * that write to end, then go together in the next one. An item that arrives
 * while nothing is running is written at once, so a lone caller waits for
 * nothing; under load, many callers share one transaction's fixed costs
 * (begin, lookups, commit) instead of queueing for one transaction each.
 */

/** Writes `items` together and answers each, in order; the answers' length must be the items'. */
export type GroupWriter<Item, Result> = (items: Item[]) => Promise<Result[]>;

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private running = 0;

  /**
   * @param write writes one group, in one transaction
   * @param concurrency groups written at once
   * @param maxGroupSize most items in one group
   */
  constructor(
    private readonly write: GroupWriter<Item, Result>,
    private readonly concurrency: number,
    private readonly maxGroupSize: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const group = this.waiting.splice(0, this.maxGroupSize);
      this.running++;
      void this.commit(group).finally(() => {
        this.running--;
        this.drain();
      });
    }
  }

  private async commit(group: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.write(group.map(({ item }) => item));
      group.forEach((waiting, i) => waiting.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // Whatever failed the group (one item the database refused, a bug) must not fail its
      // neighbours: each is written again alone, and only the culprit sees the error.
      await Promise.all(
        group.map(({ item, resolve, reject }) => this.write([item]).then(([result]) => resolve(result!), reject)),
      );
    }
  }
}
