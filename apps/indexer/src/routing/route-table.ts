// Content topic → the community (and key) a message on it belongs to. Pure: built from the watch list and
// the known channels, consulted once per inbound message.
import { decompressPublicKey, hashRatchetMemberMapKey, hexToBytes } from '@status-communities/crypto';
import { communityTopics, contentTopicForChatId, partitionedChatId } from '@status-communities/protocol';
import type { CommunityTopic } from '@status-communities/protocol';

/** A negotiated 1:1 topic of one of our bots (table direct_topics, written by the publisher). */
export interface RoutedDirectTopic {
  readonly contentTopic: string;
  readonly botKey: string;
}

/** A community the indexer reads: watched (spectator) or hosted here (also receives its join requests). */
export interface RoutedCommunity {
  readonly communityId: string;
  readonly hosted: boolean;
  /** Channel UUIDs, for the legacy per-channel topics (Oct-2024 senders still use them). */
  readonly channelUuids: readonly string[];
}

/**
 * Where a content topic leads. `symmetric`: the description, universal (`-memberUpdate`) and legacy channel
 * topics, opened with the chat ID's pbkdf2 key. `requests`: a hosted community's control-node topic, whose
 * ECIES messages only the request handler can open, so they are forwarded untouched.
 */
export type Route =
  | { readonly kind: 'symmetric'; readonly communityId: string; readonly topic: CommunityTopic }
  | { readonly kind: 'requests'; readonly communityId: string }
  /**
   * A bot's 1:1 topic, partitioned or negotiated: DMs, contact requests, acks and community key exchanges to
   * it, which only the publisher (its key) opens.
   */
  | { readonly kind: 'direct'; readonly botKey: string };

const NO_ROUTES: readonly Route[] = [];

/**
 * 4-byte topics can collide, so a content topic may lead to several routes; the decoder tries each key.
 * Channels learnt from a description are added in place, so the next message on their topic is routed
 * without waiting for a reload.
 */
export class RouteTable {
  private readonly routes = new Map<string, Route[]>();
  private readonly channels = new Map<string, Set<string>>();
  private readonly hosted = new Set<string>();
  /** Our bots by the map key of their rekey entries (uint32 LE of the key's bytes 1–4): collisions share one. */
  private readonly botsByEntry = new Map<number, string[]>();

  /**
   * `bots`: the `0x04…` keys of our bot identities (their partitioned topics, their rekey entries in
   * communities run elsewhere); `directTopics`: the negotiated topics they agreed with peers.
   */
  constructor(
    communities: readonly RoutedCommunity[] = [],
    bots: readonly string[] = [],
    directTopics: readonly RoutedDirectTopic[] = [],
  ) {
    for (const community of communities) this.addCommunity(community);
    for (const botKey of bots) this.addBot(botKey);
    for (const { contentTopic, botKey } of directTopics) this.add(contentTopic, { kind: 'direct', botKey });
  }

  /** Run here as control node: its keys are ours already, no bot takes them in. */
  isHosted(communityId: string): boolean {
    return this.hosted.has(communityId);
  }

  /** Our bots a rekey envelope has an entry for, from its map keys (computed from public keys alone). */
  botsNamedIn(entries: readonly number[]): string[] {
    return entries.flatMap((entry) => this.botsByEntry.get(entry) ?? []);
  }

  /** Content topics routed. */
  get size(): number {
    return this.routes.size;
  }

  lookup(contentTopic: string): readonly Route[] {
    return this.routes.get(contentTopic) ?? NO_ROUTES;
  }

  /** Adds the legacy topics of channels not routed yet; true when any was new. */
  addChannels(communityId: string, channelUuids: Iterable<string>): boolean {
    const known = this.channels.get(communityId);
    if (!known) return false;
    const fresh = [...channelUuids].filter((uuid) => !known.has(uuid));
    if (fresh.length === 0) return false;
    const topics = communityTopics(communityId, fresh);
    // Channel UUIDs come from accepted descriptions, which validation keeps to real names.
    if (!topics.ok) return false;
    for (const [uuid, topic] of topics.value.channels) {
      known.add(uuid);
      this.add(topic.contentTopic, { kind: 'symmetric', communityId, topic });
    }
    return true;
  }

  private addCommunity({ communityId, hosted, channelUuids }: RoutedCommunity): void {
    // Reserved or malformed channel names would fail the whole community: route its community topics anyway.
    const topics = communityTopics(communityId);
    if (!topics.ok) return;
    const { description, memberUpdate, requestsToControlNode } = topics.value;
    this.channels.set(communityId, new Set());
    if (hosted) this.hosted.add(communityId);
    this.add(description.contentTopic, { kind: 'symmetric', communityId, topic: description });
    this.add(memberUpdate.contentTopic, { kind: 'symmetric', communityId, topic: memberUpdate });
    if (hosted) this.add(requestsToControlNode.contentTopic, { kind: 'requests', communityId });
    for (const uuid of channelUuids) this.addChannels(communityId, [uuid]);
  }

  private addBot(botKey: string): void {
    const key = hexToBytes(botKey);
    const uncompressed = key.ok ? decompressPublicKey(key.value) : undefined;
    const chatId = key.ok ? partitionedChatId(key.value) : undefined;
    // Identity keys are validated when made; one that is not a point is skipped, not fatal.
    if (!uncompressed?.ok || !chatId?.ok) return;
    this.add(contentTopicForChatId(chatId.value), { kind: 'direct', botKey });
    const entry = hashRatchetMemberMapKey(uncompressed.value);
    this.botsByEntry.set(entry, [...(this.botsByEntry.get(entry) ?? []), botKey]);
  }

  private add(contentTopic: string, route: Route): void {
    const existing = this.routes.get(contentTopic);
    if (existing) existing.push(route);
    else this.routes.set(contentTopic, [route]);
  }
}
