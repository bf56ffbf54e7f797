import { readEvents } from '@status-communities/queue';
import type { EventStream, StoredEvent } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { streamInfo } from './stream-info.js';

export type EventListener = (stored: StoredEvent) => void;

export interface EventStreamTailOptions {
  /** A connection of its own: XREAD BLOCK holds it. The tail closes it. */
  readonly redis: RedisClient;
  readonly stream: EventStream;
  /** How long one XREAD waits for new events (ms); bounds nothing but idle round trips. */
  readonly blockMs?: number;
  readonly batchSize?: number;
  /** Pause after a failed read before the next one (ms). */
  readonly retryMs?: number;
  /** Failed reads (Redis down) and listeners that threw; the tail carries on. */
  readonly onError: (error: unknown) => void;
}

/**
 * The one reader of the event stream in a process: XREAD BLOCK from the stream's end, each event handed to
 * every listener synchronously, in stream order. Every API instance runs its own, so each gets every event
 * (a consumer group would share them out instead). `position` moves only together with the hand-out, so a
 * listener added when `position` is P receives exactly the events after P.
 */
export class EventStreamTail {
  readonly #options: EventStreamTailOptions;
  readonly #listeners = new Set<EventListener>();
  #position: string;
  #running = true;
  readonly #loop: Promise<void>;

  private constructor(options: EventStreamTailOptions, position: string) {
    this.#options = options;
    this.#position = position;
    this.#loop = this.#run();
  }

  /** Starts reading after the newest event already in the stream. */
  static async start(options: EventStreamTailOptions): Promise<EventStreamTail> {
    const info = await streamInfo(options.redis, options.stream);
    return new EventStreamTail(options, info.lastId);
  }

  /** The id of the last event handed out (or of the stream's end at start). */
  get position(): string {
    return this.#position;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Adds a listener for the events after `position`; returns its removal. */
  listen(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#running = false;
    // Ends the blocked XREAD at once instead of waiting out its timeout.
    this.#options.redis.disconnect();
    await this.#loop;
    this.#listeners.clear();
  }

  async #run(): Promise<void> {
    const { redis, stream, blockMs = 5_000, batchSize = 500, retryMs = 500, onError } = this.#options;
    while (this.#running) {
      let batch;
      try {
        batch = await readEvents(redis, { stream, after: this.#position, block: blockMs, count: batchSize });
      } catch (error) {
        if (!this.#running) return;
        onError(error);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        continue;
      }
      for (const stored of batch.events) this.#handOut(stored, onError);
      if (batch.lastId !== undefined) this.#position = batch.lastId;
    }
  }

  #handOut(stored: StoredEvent, onError: (error: unknown) => void): void {
    for (const listener of this.#listeners) {
      try {
        listener(stored);
      } catch (error) {
        onError(error);
      }
    }
  }
}
