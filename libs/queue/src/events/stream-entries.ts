import { ErrorCode, StatusError } from '@status-communities/errors';
import { DomainEventSchema } from './domain-events.js';
import type { DomainEvent } from './domain-events.js';

/** The one field an entry stores: the event as JSON. `type` is stored beside it for XRANGE readers. */
export const EVENT_FIELD = 'event';
export const TYPE_FIELD = 'type';

export interface StoredEvent {
  /** The stream id: resume after it. */
  readonly id: string;
  readonly event: DomainEvent;
}

/** An entry that is not a valid event (written by an older or newer version); readers skip and ack it. */
export interface RejectedEntry {
  readonly id: string;
  readonly error: StatusError;
}

export interface EventBatch {
  readonly events: readonly StoredEvent[];
  readonly rejected: readonly RejectedEntry[];
  /** The last id read, valid or not (undefined when nothing was read): pass it as `after` to go on. */
  readonly lastId: string | undefined;
}

/** Redis 6.2's XAUTOCLAIM reports entries trimmed meanwhile with `null` fields. */
export type RawStreamEntry = [id: string, fields: string[] | null];

const rejectedEntry = (
  id: string,
  message: string,
  details: Record<string, unknown> = {},
): RejectedEntry => ({
  id,
  error: new StatusError(ErrorCode.INVALID_EVENT, message, { id, ...details }),
});

const parseEntry = (id: string, fields: readonly string[] | null): StoredEvent | RejectedEntry => {
  const index = (fields ?? []).findIndex((field, i) => i % 2 === 0 && field === EVENT_FIELD);
  const json = index === -1 ? undefined : fields?.[index + 1];
  if (json === undefined) return rejectedEntry(id, `Stream entry ${id} has no ${EVENT_FIELD} field`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return rejectedEntry(id, `Stream entry ${id} is not JSON`);
  }
  const parsed = DomainEventSchema.safeParse(value);
  if (!parsed.success) {
    return rejectedEntry(id, `Stream entry ${id} is not a valid event`, {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  return { id, event: parsed.data };
};

/** Raw XREAD/XRANGE entries → valid events and rejected entries, in stream order. */
export const toEventBatch = (entries: readonly RawStreamEntry[]): EventBatch => {
  const events: StoredEvent[] = [];
  const rejected: RejectedEntry[] = [];
  for (const [id, fields] of entries) {
    const entry = parseEntry(id, fields);
    if ('event' in entry) events.push(entry);
    else rejected.push(entry);
  }
  return { events, rejected, lastId: entries.at(-1)?.[0] };
};
