import { z } from 'zod';
import { command } from './command-base.js';
import { CommunityIdSchema } from './primitives.js';

export const WatchCommunityCommandSchema = command('community.watch', { communityId: CommunityIdSchema });
export const UnwatchCommunityCommandSchema = command('community.unwatch', { communityId: CommunityIdSchema });

/** queue `community.watch` (api → indexer): changes to the watch list. */
export const WatchCommandSchema = z.discriminatedUnion('type', [
  WatchCommunityCommandSchema,
  UnwatchCommunityCommandSchema,
]);
export type WatchCommand = z.infer<typeof WatchCommandSchema>;
