// Turns one-at-a-time job callbacks into batches. The BullMQ worker runs with a high concurrency, so many
// jobs are active at once; each hands its item here and waits for the batch that holds it. Batches run one
// after another: while one is in the database, new items queue up, and the next batch takes up to
// `maxSize` of them at once — so batches grow with the load and a quiet queue waits at most `maxWaitMs`.
// A failed batch is retried item by item, so one poisonous message fails only its own job.

export interface BatcherOptions<T, R> {
  readonly maxSize: number;
  readonly maxWaitMs: number;
  /** Results in item order; throwing fails the batch. */
  readonly process: (items: readonly T[]) => Promise<readonly R[]>;
}

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: BatcherOptions<T, R>) {
    if (!Number.isInteger(options.maxSize) || options.maxSize < 1)
      throw new RangeError(`maxSize must be a positive integer, got ${options.maxSize}`);
  }

  /** Items waiting for a batch (not counting the one running). */
  get waiting(): number {
    return this.queue.length;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Runs what is queued now and resolves once nothing is queued or running. */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      if (!this.running) this.start();
      await this.running;
    }
  }

  /** A full batch starts now, a partial one when the wait is over; a running batch picks items up itself. */
  private schedule(): void {
    if (this.running) return;
    if (this.queue.length >= this.options.maxSize) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.options.maxWaitMs);
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // Items added after the drain's last look at the queue, before this point, still need a batch.
      if (this.queue.length > 0) this.schedule();
    });
  }

  /** Items that queued while a batch ran have waited at least that long: they go next, without a timer. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxSize);
      await this.run(batch);
    }
  }

  private async run(batch: readonly Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.options.process(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => pending.resolve(results[index] as R));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const pending of batch) await this.run([pending]);
    }
  }
}
