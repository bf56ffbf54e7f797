import { bug, ErrorCode } from '@status-communities/errors';
import { CommunityIdSchema, ChannelIdSchema, StreamIdSchema, eventStream } from '@status-communities/queue';
import type { DomainEventType, EventStream } from '@status-communities/queue';
import type { ApiModule } from '../api-module.js';
import { canSeeCommunity } from '../auth/community-access.js';
import { hasScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import { findTenantBot } from '../direct/bot-conversations.js';
import { normalisePeerKey } from '../direct/peer-key.js';
import { apiError, fromStatusError } from '../errors/api-error.js';
import type { EventType, SubscriptionResolvers } from '../generated/graphql.js';
import type { ApiServices } from '../services.js';
import { openEventFeed } from './event-feed.js';
import type { FeedItem } from './event-feed.js';
import { matchesFilter } from './event-filter.js';
import type { EventFilter } from './event-filter.js';
import { CommunityDirectory, canSee, requiredScope } from './event-visibility.js';
import { fromEventType, toGraphqlEvent } from './graphql-events.js';
import type { GraphqlEvent } from './graphql-events.js';
import { EventStreamTail } from './stream-tail.js';

/** What one server's subscriptions share: the stream tail, community owners, the buffer size. */
interface EventsRuntime {
  readonly tail: EventStreamTail;
  readonly directory: CommunityDirectory;
  readonly stream: EventStream;
  readonly capacity: number;
}

// Keyed by the server's services, so two servers in one process (tests) each have their own tail.
const runtimes = new WeakMap<ApiServices, EventsRuntime>();

const runtimeOf = (services: ApiServices): EventsRuntime => {
  const runtime = runtimes.get(services);
  if (!runtime) bug('the subscriptions module was not started with this server');
  return runtime;
};

interface SubscribeArgs {
  readonly communityId?: string | null;
  readonly channelId?: string | null;
  readonly botKey?: string | null;
  readonly peerKey?: string | null;
  readonly types?: readonly EventType[] | null;
  readonly after?: string | null;
}

const invalid = (field: string, message: string) =>
  apiError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

/**
 * Checks a subscription's arguments and scopes, then opens its feed. Errors here refuse the subscription
 * before any event: BAD_USER_INPUT, FORBIDDEN without a scope that lets one of its types through, NOT_FOUND
 * for a community the key cannot see (as queries say of another tenant's community).
 */
const openSubscription = async (
  args: SubscribeArgs,
  types: readonly DomainEventType[] | undefined,
  context: ApiContext,
): Promise<AsyncIterable<FeedItem>> => {
  const { caller, services } = context;
  const runtime = runtimeOf(services);
  const wanted = types ?? args.types?.map(fromEventType);
  const readable = (wanted ?? ['community.updated', 'message.added']).some((type) =>
    hasScope(caller, requiredScope(type)),
  );
  if (!readable)
    throw apiError(ErrorCode.FORBIDDEN, 'This subscription needs the COMMUNITY_READ or MESSAGES_READ scope');
  if (args.after != null && !StreamIdSchema.safeParse(args.after).success)
    throw invalid('after', 'expected an eventId received before');
  if (args.channelId != null && !ChannelIdSchema.safeParse(args.channelId).success)
    throw invalid('channelId', 'expected a channel uuid');
  if (args.communityId != null) {
    if (!CommunityIdSchema.safeParse(args.communityId).success)
      throw invalid('communityId', 'expected 0x + compressed community key');
    const community = await runtime.directory.ownership(args.communityId);
    if (!community || !canSeeCommunity(caller, { id: args.communityId, ...community }))
      throw apiError(ErrorCode.NOT_FOUND, `No community ${args.communityId}`);
  }
  // A bound key never receives 1:1 events: asking for a bot's would wait forever.
  if ((args.botKey != null || args.peerKey != null) && caller.communityId !== null)
    throw apiError(ErrorCode.FORBIDDEN, "A key bound to one community cannot read the bots' 1:1 chats");
  if (args.botKey != null && !(await findTenantBot(context, args.botKey)))
    throw apiError(ErrorCode.NOT_FOUND, `No bot identity of yours has the key ${args.botKey}`);
  const peerKey = args.peerKey == null ? undefined : normalisePeerKey(args.peerKey);
  if (peerKey?.ok === false) throw invalid('peerKey', peerKey.error.message);
  const filter: EventFilter = {
    communityId: args.communityId ?? undefined,
    channelId: args.channelId ?? undefined,
    botKey: args.botKey ?? undefined,
    peerKey: peerKey?.value,
    types: wanted === undefined ? undefined : new Set(wanted),
  };
  return openEventFeed({
    tail: runtime.tail,
    redis: services.redis,
    stream: runtime.stream,
    after: args.after ?? undefined,
    matches: (event) => matchesFilter(event, filter),
    // Without waiting when the owner is known: the usual case, and one promise less per event and subscriber.
    visible: (event) => {
      const known = runtime.directory.knownOwnershipOf(event);
      return known
        ? canSee(caller, event, known.ownership)
        : runtime.directory.ownershipOf(event).then((ownership) => canSee(caller, event, ownership));
    },
    capacity: runtime.capacity,
  });
};

/**
 * The event of a feed item, or the error that ends the subscription (SLOW_CONSUMER, CURSOR_EXPIRED). Typed
 * `never` for the generated per-field result types: the field's filter lets only its own types through.
 */
const resolveItem = (item: FeedItem): never => {
  if (item.error) throw fromStatusError(item.error);
  return toGraphqlEvent(item.stored) as never;
};

const field = (types?: readonly DomainEventType[]) => ({
  subscribe: (_parent: unknown, args: SubscribeArgs, context: ApiContext) =>
    openSubscription(args, types, context),
  resolve: resolveItem,
});

const subscriptionResolvers: SubscriptionResolvers = {
  events: {
    subscribe: (_parent, args, context) =>
      openSubscription({ ...args.filter, after: args.after }, undefined, context),
    resolve: resolveItem,
  },
  communityUpdated: field(['community.updated']),
  memberJoined: field(['member.joined']),
  memberLeft: field(['member.left']),
  memberBanned: field(['member.banned']),
  requestReceived: field(['request.received']),
  requestDecided: field(['request.decided']),
  messageAdded: field(['message.added']),
  messageEdited: field(['message.edited']),
  messageDeleted: field(['message.deleted']),
  reactionChanged: field(['reaction.changed']),
  directMessageReceived: field(['direct.message_received']),
  contactRequestReceived: field(['direct.contact_request_received']),
};

/**
 * GraphQL subscriptions over the domain event stream: one tail per server reads the stream (XREAD BLOCK)
 * and hands each event to this server's subscribers, each with its filter, authorisation and bounded buffer.
 */
export const subscriptionsModule: ApiModule = {
  name: 'subscriptions',
  resolvers: {
    Subscription: subscriptionResolvers,
    Event: { __resolveType: (event) => (event as unknown as GraphqlEvent).__typename as never },
    CommunityEvent: { __resolveType: (event) => (event as unknown as GraphqlEvent).__typename as never },
    DirectEvent: { __resolveType: (event) => (event as unknown as GraphqlEvent).__typename as never },
  },
  start: async (services) => {
    const stream = eventStream({ prefix: services.settings.redisKeyPrefix });
    const tail = await EventStreamTail.start({
      redis: services.openConsumerConnection('events:tail'),
      stream,
      onError: (error) => services.logger.error({ err: error }, 'event stream tail'),
    });
    runtimes.set(services, {
      tail,
      stream,
      directory: new CommunityDirectory(services.prisma),
      capacity: services.config.SUBSCRIPTION_BUFFER_EVENTS,
    });
    return {
      close: async () => {
        runtimes.delete(services);
        await tail.close();
      },
    };
  },
};
