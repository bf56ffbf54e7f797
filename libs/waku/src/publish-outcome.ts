import type { DropReason } from './limits.js';

/** What became of a publish. Only bugs throw; these are the expected results. */
export type PublishOutcome =
  | { readonly status: 'published'; readonly hash: string; readonly peers: number }
  /** Gossipsub's seen-cache already holds these bytes: sent before, or received from the network. */
  | { readonly status: 'duplicate'; readonly hash: string }
  | { readonly status: 'no-peers'; readonly hash: string }
  | { readonly status: 'invalid'; readonly reason: DropReason; readonly detail: string };

/** Gossipsub reports a duplicate and an empty topic by throwing; anything else it throws is a bug. */
export const expectedPublishFailure = (error: unknown): 'duplicate' | 'no-peers' | undefined => {
  const message = error instanceof Error ? error.message : '';
  if (message === 'PublishError.Duplicate') return 'duplicate';
  if (message === 'PublishError.NoPeersSubscribedToTopic') return 'no-peers';
  return undefined;
};
