import { z } from 'zod';
import { command } from './command-base.js';
import { CommunityIdSchema } from './primitives.js';
import { InboundWakuMessageSchema } from './waku-messages.js';

export const WatchCommunityCommandSchema = command('community.watch', { communityId: CommunityIdSchema });
export const UnwatchCommunityCommandSchema = command('community.unwatch', { communityId: CommunityIdSchema });

/**
 * A bot of ours took in group keys of this community run elsewhere (publisher member keys): the indexer judges
 * again the description that carried them (`message`, as received), which it may have judged before the keys
 * were stored, and the messages it holds for a key.
 */
export const KeysArrivedCommandSchema = command('community.keys-arrived', {
  communityId: CommunityIdSchema,
  message: InboundWakuMessageSchema.optional(),
});

/** queue `community.watch` (api → indexer; publisher → indexer for keys-arrived): what the indexer reads. */
export const WatchCommandSchema = z.discriminatedUnion('type', [
  WatchCommunityCommandSchema,
  UnwatchCommunityCommandSchema,
  KeysArrivedCommandSchema,
]);
export type WatchCommand = z.infer<typeof WatchCommandSchema>;
