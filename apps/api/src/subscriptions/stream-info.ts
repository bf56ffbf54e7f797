import type { EventStream } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';

export interface StreamInfo {
  /** The newest id ever added (`0-0` for a stream never written). */
  readonly lastId: string;
  /** The oldest id still kept, when any. */
  readonly firstId: string | undefined;
  /** Whether trimming has removed entries: then events before `firstId` are gone. */
  readonly trimmed: boolean;
}

const EMPTY: StreamInfo = { lastId: '0-0', firstId: undefined, trimmed: false };

/** XINFO STREAM, reduced to what resuming needs. */
export const streamInfo = async (redis: RedisClient, stream: EventStream): Promise<StreamInfo> => {
  let reply: unknown[];
  try {
    reply = (await redis.xinfo('STREAM', stream.key)) as unknown[];
  } catch (error) {
    if (error instanceof Error && error.message.includes('no such key')) return EMPTY;
    throw error;
  }
  const field = (name: string): unknown => reply[reply.indexOf(name) + 1];
  const first = field('first-entry') as [id: string, fields: unknown] | null;
  return {
    lastId: String(field('last-generated-id')),
    firstId: first?.[0],
    trimmed: Number(field('entries-added')) > Number(field('length')),
  };
};
