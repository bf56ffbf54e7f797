// The answers of cacheable queries, kept per community generation: an event of a community moves its
// generation, which retires every answer read before it. An answer whose reading started before such a move
// is not kept at all (it may have read the old state).

export interface ResponseCacheOptions {
  /** Answers kept at most; the least recently used goes first. */
  readonly maxEntries: number;
  /** An answer older than this is read again, whatever the events said (a bound for writes without events). */
  readonly maxAgeMs: number;
  readonly clock: () => number;
}

interface Entry<V> {
  readonly value: V;
  readonly communityId: string;
  readonly generation: number;
  readonly storedAt: number;
}

export class ResponseCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #generations = new Map<string, number>();
  /** Moves with every invalidateAll, so generations read before it never match again. */
  #epoch = 0;

  constructor(private readonly options: ResponseCacheOptions) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The community's generation now: taken before reading, given back to `set`. */
  generation(communityId: string): number {
    return this.#epoch + (this.#generations.get(communityId) ?? 0);
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (
      entry.generation !== this.generation(entry.communityId) ||
      this.options.clock() - entry.storedAt >= this.options.maxAgeMs
    )
      return undefined;
    // Re-inserted: the Map's order is the recency order.
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps an answer read from `generation` on; false when the community moved meanwhile (not kept). */
  set(key: string, communityId: string, generation: number, value: V): boolean {
    if (this.options.maxEntries === 0 || generation !== this.generation(communityId)) return false;
    this.#entries.delete(key);
    this.#entries.set(key, { value, communityId, generation, storedAt: this.options.clock() });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.options.maxEntries) break;
      this.#entries.delete(oldest);
    }
    return true;
  }

  /** An event of the community: every answer about it read before now is retired. */
  invalidate(communityId: string): void {
    this.#generations.set(communityId, (this.#generations.get(communityId) ?? 0) + 1);
  }

  /** Events may have been missed: nothing read before now is served again. */
  invalidateAll(): void {
    this.#entries.clear();
    // Kept monotonic, so a generation taken before this call can never equal one taken after it.
    this.#epoch += 1 + Math.max(0, ...this.#generations.values());
    this.#generations.clear();
  }
}
