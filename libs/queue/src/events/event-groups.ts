import type { RedisClient } from '../redis-client.js';
import { eventStream } from './event-stream-key.js';
import type { EventStream } from './event-stream-key.js';
import { toEventBatch } from './stream-entries.js';
import type { EventBatch, RawStreamEntry } from './stream-entries.js';

/**
 * Consumer groups let several replicas of one reader (the webhook fan-out) share the stream: each event goes
 * to one consumer, stays pending until acknowledged, and is claimed by another consumer if its reader dies.
 */
export interface EventGroupOptions {
  readonly stream?: EventStream;
  readonly group: string;
}

/** Creates the group (and the stream) if missing; `startId` `$` = only events from now, `0` = all kept. */
export const ensureEventGroup = async (
  redis: RedisClient,
  options: EventGroupOptions & { readonly startId?: string },
): Promise<boolean> => {
  const stream = options.stream ?? eventStream();
  try {
    await redis.xgroup('CREATE', stream.key, options.group, options.startId ?? '$', 'MKSTREAM');
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return false;
    throw error;
  }
};

export interface ReadGroupOptions extends EventGroupOptions {
  readonly consumer: string;
  readonly count?: number;
  /** ms to wait for new events; holds the connection (see readEvents). */
  readonly block?: number;
}

/** New events for this consumer; they stay pending until ackEvents. Ack rejected entries too. */
export const readGroupEvents = async (redis: RedisClient, options: ReadGroupOptions): Promise<EventBatch> => {
  const stream = options.stream ?? eventStream();
  const { group, consumer } = options;
  const count = options.count ?? 100;
  // Typed methods (not `call`) so the RESP3 map reply arrives as pairs, as in readEvents.
  const reply =
    options.block === undefined
      ? await redis.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream.key, '>')
      : await redis.xreadgroup(
          'GROUP',
          group,
          consumer,
          'COUNT',
          count,
          'BLOCK',
          options.block,
          'STREAMS',
          stream.key,
          '>',
        );
  return toEventBatch((reply as [key: string, entries: RawStreamEntry[]][] | null)?.[0]?.[1] ?? []);
};

/** Marks events as handled by the group; returns how many were pending. */
export const ackEvents = async (
  redis: RedisClient,
  options: EventGroupOptions & { readonly ids: readonly string[] },
): Promise<number> => {
  if (options.ids.length === 0) return 0;
  return redis.xack((options.stream ?? eventStream()).key, options.group, ...options.ids);
};

export interface ClaimStaleOptions extends EventGroupOptions {
  readonly consumer: string;
  /** Pending longer than this (ms) counts as abandoned by a dead consumer. */
  readonly minIdleMs: number;
  readonly count?: number;
  /** Scan position from the previous call's `next` (default `0-0`). */
  readonly start?: string;
}

/**
 * Takes over events another consumer read but never acknowledged (XAUTOCLAIM). `next` is `0-0` once the
 * pending list has been scanned to its end. Entries trimmed from the stream meanwhile are dropped by Redis.
 */
export const claimStaleEvents = async (
  redis: RedisClient,
  options: ClaimStaleOptions,
): Promise<EventBatch & { readonly next: string }> => {
  const stream = options.stream ?? eventStream();
  const [next, entries] = (await redis.xautoclaim(
    stream.key,
    options.group,
    options.consumer,
    options.minIdleMs,
    options.start ?? '0-0',
    'COUNT',
    options.count ?? 100,
  )) as [next: string, entries: RawStreamEntry[], deleted: string[]];
  return { ...toEventBatch(entries), next };
};
