import type { WebhookSubscription } from '@status-communities/db';
import type { DomainEvent, DomainEventType } from '@status-communities/queue';
import { channelOf } from '../subscriptions/event-filter.js';
import { canSee } from '../subscriptions/event-visibility.js';
import type { CommunityOwnership } from '../subscriptions/event-visibility.js';

export type SubscriptionFilter = Pick<
  WebhookSubscription,
  'tenantId' | 'events' | 'communityId' | 'channelId' | 'active'
>;

/**
 * Whether a webhook subscription receives an event: active, its filters match, and its tenant may see the
 * community (the same tenant boundary as subscriptions; a webhook reads like a key with both read scopes).
 */
export const subscriptionWants = (
  subscription: SubscriptionFilter,
  event: DomainEvent,
  community: CommunityOwnership | undefined,
): boolean =>
  subscription.active &&
  (subscription.events.length === 0 || subscription.events.includes(event.type satisfies DomainEventType)) &&
  (subscription.channelId === null || subscription.channelId === channelOf(event)) &&
  canSee(
    {
      tenantId: subscription.tenantId,
      scopes: ['COMMUNITY_READ', 'MESSAGES_READ'],
      communityId: subscription.communityId,
    },
    event,
    community,
  );
