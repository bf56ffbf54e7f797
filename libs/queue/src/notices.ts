import type { z } from 'zod';
import type { RedisClient } from './redis-client.js';

/**
 * Notices between service instances over Redis pub/sub: a JSON message on one channel, checked against its
 * schema where it is heard (a notice from another instance is input like any other). A subscribed connection
 * can do nothing else, so the listener gets one of its own.
 */
export const publishNotice = async (redis: RedisClient, channel: string, notice: unknown): Promise<void> => {
  await redis.publish(channel, JSON.stringify(notice));
};

export interface NoticeListener<T> {
  readonly onNotice: (notice: T) => void;
  /** A message on the channel that is not JSON or not of the schema's shape (its text, cut to 200 characters). */
  readonly onInvalid: (text: string) => void;
}

/** Hears `channel` on `subscriber` until the returned close (which unsubscribes and stops listening). */
export const listenForNotices = async <T>(
  subscriber: RedisClient,
  channel: string,
  schema: z.ZodType<T>,
  listener: NoticeListener<T>,
): Promise<() => Promise<void>> => {
  const onMessage = (from: string, text: string): void => {
    if (from !== channel) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const notice = schema.safeParse(json);
    if (notice.success) listener.onNotice(notice.data);
    else listener.onInvalid(text.slice(0, 200));
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  return async () => {
    subscriber.off('message', onMessage);
    await subscriber.unsubscribe(channel);
  };
};
