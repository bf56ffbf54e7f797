import type { ApiScope, CommunityKind, PrismaClient } from '@status-communities/db';
import { isDirectEvent } from '@status-communities/queue';
import type { DomainEvent, DomainEventType } from '@status-communities/queue';

/** Who receives events: an API key's tenant, scopes and community binding, or a webhook's tenant. */
export interface EventViewer {
  readonly tenantId: string;
  readonly scopes: readonly ApiScope[];
  /** When set, only this community's events. */
  readonly communityId: string | null;
}

export interface CommunityOwnership {
  readonly kind: CommunityKind;
  readonly tenantId: string | null;
}

const MESSAGE_EVENTS: ReadonlySet<DomainEventType> = new Set([
  'message.added',
  'message.edited',
  'message.deleted',
  'message.pinned',
  'reaction.changed',
  'direct.message_received',
  'direct.contact_request_received',
  'direct.message_acknowledged',
]);

/**
 * Content-bearing events need `messages:read`, a bot's 1:1 events included (they are its private
 * conversations, read as a channel's messages are); the rest (community, members, requests) `community:read`.
 */
export const requiredScope = (type: DomainEventType): ApiScope =>
  MESSAGE_EVENTS.has(type) ? 'MESSAGES_READ' : 'COMMUNITY_READ';

/**
 * The tenant boundary: hosted communities are seen only by their own tenant, watched (public) ones by every
 * tenant, a community the platform does not know by nobody; a key bound to one community sees only it.
 */
export const canSeeCommunity = (
  viewer: Pick<EventViewer, 'tenantId' | 'communityId'>,
  communityId: string,
  community: CommunityOwnership | undefined,
): boolean =>
  community !== undefined &&
  (viewer.communityId === null || viewer.communityId === communityId) &&
  (community.kind !== 'HOSTED' || community.tenantId === viewer.tenantId);

/**
 * A bot's 1:1 events belong to its tenant, not to a community: a key bound to one community never sees them,
 * whatever community the peer shares with the bot.
 */
export const canSeeConversation = (
  viewer: Pick<EventViewer, 'tenantId' | 'communityId'>,
  tenantId: string,
): boolean => viewer.communityId === null && viewer.tenantId === tenantId;

/**
 * Whether a viewer receives an event: it sees the community (for 1:1 events, the bot's tenant) and holds the
 * scope the event needs. `community` is the event's community's owner (none for 1:1 events).
 */
export const canSee = (
  viewer: EventViewer,
  event: DomainEvent,
  community: CommunityOwnership | undefined,
): boolean =>
  (isDirectEvent(event)
    ? canSeeConversation(viewer, event.tenantId)
    : canSeeCommunity(viewer, event.communityId, community)) &&
  (viewer.scopes.includes('ADMIN') || viewer.scopes.includes(requiredScope(event.type)));

export interface CommunityDirectoryOptions {
  /** How long a known community's owner is remembered (ms); ownership changes only by hosting a watched one. */
  readonly knownTtlMs?: number;
  /** How long "unknown" is remembered (ms): a new community's first events arrive right after its row. */
  readonly unknownTtlMs?: number;
}

interface CacheEntry {
  expiresAt: number;
  readonly ownership: Promise<CommunityOwnership | undefined>;
  /** Set once the read finished: the fan-out decides without waiting. */
  known?: { readonly ownership: CommunityOwnership | undefined };
}

/**
 * Who owns each community, read from PostgreSQL once per community and TTL and shared by every subscriber of
 * the process: one event fanned out to a thousand subscribers costs one lookup, not a thousand.
 */
export class CommunityDirectory {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #knownTtlMs: number;
  readonly #unknownTtlMs: number;

  constructor(
    private readonly prisma: PrismaClient,
    options: CommunityDirectoryOptions = {},
  ) {
    this.#knownTtlMs = options.knownTtlMs ?? 60_000;
    this.#unknownTtlMs = options.unknownTtlMs ?? 1_000;
  }

  /** The owner of an event's community; none for 1:1 events, which belong to no community. */
  ownershipOf(event: DomainEvent): Promise<CommunityOwnership | undefined> {
    return isDirectEvent(event) ? Promise.resolve(undefined) : this.ownership(event.communityId);
  }

  /** As `ownershipOf`, when the answer is at hand (read and fresh); undefined when it must be read. */
  knownOwnershipOf(event: DomainEvent): { readonly ownership: CommunityOwnership | undefined } | undefined {
    return isDirectEvent(event) ? { ownership: undefined } : this.#fresh(event.communityId)?.known;
  }

  ownership(communityId: string): Promise<CommunityOwnership | undefined> {
    const cached = this.#fresh(communityId);
    if (cached) return cached.ownership;
    // The read settles its own entry, not one a later read put in its place.
    const entry: CacheEntry = {
      expiresAt: Date.now() + this.#knownTtlMs,
      ownership: this.#load(communityId, () => entry),
    };
    this.#cache.set(communityId, entry);
    return entry.ownership;
  }

  #fresh(communityId: string): CacheEntry | undefined {
    const cached = this.#cache.get(communityId);
    return cached && cached.expiresAt > Date.now() ? cached : undefined;
  }

  async #load(communityId: string, entryOf: () => CacheEntry): Promise<CommunityOwnership | undefined> {
    try {
      const row = await this.prisma.community.findUnique({
        where: { id: communityId },
        select: { kind: true, tenantId: true },
      });
      const entry = entryOf();
      entry.known = { ownership: row ?? undefined };
      if (row === null) entry.expiresAt = Date.now() + this.#unknownTtlMs;
      return row ?? undefined;
    } catch (error) {
      // A failed read is not remembered: the next event asks again.
      this.#cache.delete(communityId);
      throw error;
    }
  }
}
