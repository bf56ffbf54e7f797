// Group commit per key: work for one key runs one batch at a time, and what arrives while a batch runs waits
// for the next one, which takes it all. A lone item runs at once (no waiting for company); a burst runs in as
// few transactions as the database's speed allows.

/** Decides a batch; returns one outcome per item, in order. Throwing fails the whole batch. */
export type RunBatch<Item, Outcome> = (key: string, items: readonly Item[]) => Promise<readonly Outcome[]>;

export interface GroupCommitOptions<Item> {
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Items with the same identity never share a batch: the later one waits for the next. */
  readonly identity: (item: Item) => string;
}

interface Waiting<Item, Outcome> {
  readonly item: Item;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Item, Outcome> {
  private readonly queues = new Map<string, Waiting<Item, Outcome>[]>();

  constructor(
    private readonly run: RunBatch<Item, Outcome>,
    private readonly options: GroupCommitOptions<Item>,
  ) {}

  /** Items waiting for a batch to take them (not those in the batch running). */
  get waiting(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** The item's outcome once a batch that holds it has run. */
  submit(key: string, item: Item): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.queues.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Runs batches for `key` until nothing waits; the key's queue exists exactly while this runs. */
  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    while (queue.length > 0) {
      const batch = this.take(queue);
      await this.settle(key, batch);
    }
    this.queues.delete(key);
  }

  /** The oldest items, at most maxBatch, no two with one identity; the rest stay in arrival order. */
  private take(queue: Waiting<Item, Outcome>[]): Waiting<Item, Outcome>[] {
    const taken: Waiting<Item, Outcome>[] = [];
    const identities = new Set<string>();
    let index = 0;
    while (index < queue.length && taken.length < this.options.maxBatch) {
      const waiting = queue[index] as Waiting<Item, Outcome>;
      const identity = this.options.identity(waiting.item);
      if (identities.has(identity)) {
        index += 1;
        continue;
      }
      identities.add(identity);
      taken.push(waiting);
      queue.splice(index, 1);
    }
    return taken;
  }

  /**
   * A batch that throws is run again one item at a time, so a fault fails only the jobs it belongs to (the
   * failed transaction stored nothing, so running them again is safe).
   */
  private async settle(key: string, batch: readonly Waiting<Item, Outcome>[]): Promise<void> {
    try {
      const outcomes = await this.run(
        key,
        batch.map((waiting) => waiting.item),
      );
      batch.forEach((waiting, index) => waiting.resolve(outcomes[index] as Outcome));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const waiting of batch) await this.settle(key, [waiting]);
    }
  }
}
