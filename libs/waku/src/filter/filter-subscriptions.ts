import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import { FilterLimits, FilterStatus } from './filter-protocol.js';

export interface SubscriptionLimits {
  readonly maxSubscribers: number;
  readonly maxCriteriaPerSubscriber: number;
  /** A subscriber not heard from (subscribe, ping, unsubscribe) for this long is dropped. */
  readonly ttlMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxSubscribers: FilterLimits.MAX_SUBSCRIBERS,
  maxCriteriaPerSubscriber: FilterLimits.MAX_CRITERIA_PER_SUBSCRIBER,
  ttlMs: FilterLimits.SUBSCRIPTION_TTL_MS,
};

/** Why a request is refused: the status code the peer gets and its description. */
export interface SubscriptionRefusal {
  readonly statusCode: FilterStatus;
  readonly description: string;
}

interface Subscriber {
  /** Pubsub topic → content topics. */
  readonly criteria: Map<string, Set<string>>;
  count: number;
  lastSeenMs: number;
}

const refuse = (statusCode: FilterStatus, description: string): Result<never, SubscriptionRefusal> =>
  err({ statusCode, description });

const key = (pubsubTopic: string, contentTopic: string): string => `${pubsubTopic}\n${contentTopic}`;

/**
 * The subscriptions of a filter service node: who gets which (pubsub topic, content topic), within the limits,
 * and who has gone quiet. Time comes from the caller, so that expiry is a pure function of it.
 */
export class FilterSubscriptions {
  private readonly subscribers = new Map<string, Subscriber>();
  /** (pubsub topic, content topic) → subscribers: the lookup every relayed message makes. */
  private readonly byCriterion = new Map<string, Set<string>>();
  private criteriaCount = 0;

  constructor(private readonly limits: SubscriptionLimits = DEFAULT_SUBSCRIPTION_LIMITS) {}

  get size(): { subscribers: number; criteria: number } {
    return { subscribers: this.subscribers.size, criteria: this.criteriaCount };
  }

  has(peer: string): boolean {
    return this.subscribers.has(peer);
  }

  subscribe(
    peer: string,
    pubsubTopic: string,
    contentTopics: readonly string[],
    nowMs: number,
  ): Result<void, SubscriptionRefusal> {
    const existing = this.subscribers.get(peer);
    if (existing === undefined && this.subscribers.size >= this.limits.maxSubscribers)
      return refuse(
        FilterStatus.SERVICE_UNAVAILABLE,
        `this node serves ${this.limits.maxSubscribers} subscribers, its maximum`,
      );
    const current = existing?.criteria.get(pubsubTopic);
    const added = [...new Set(contentTopics)].filter((topic) => current?.has(topic) !== true);
    const total = (existing?.count ?? 0) + added.length;
    if (total > this.limits.maxCriteriaPerSubscriber)
      return refuse(
        FilterStatus.SERVICE_UNAVAILABLE,
        `${total} content topics subscribed, at most ${this.limits.maxCriteriaPerSubscriber} per peer`,
      );
    const subscriber = existing ?? { criteria: new Map<string, Set<string>>(), count: 0, lastSeenMs: nowMs };
    this.subscribers.set(peer, subscriber);
    const topics = current ?? new Set<string>();
    subscriber.criteria.set(pubsubTopic, topics);
    for (const contentTopic of added) {
      topics.add(contentTopic);
      const peers = this.byCriterion.get(key(pubsubTopic, contentTopic)) ?? new Set<string>();
      peers.add(peer);
      this.byCriterion.set(key(pubsubTopic, contentTopic), peers);
    }
    subscriber.count = total;
    this.criteriaCount += added.length;
    subscriber.lastSeenMs = nowMs;
    return ok(undefined);
  }

  /** Removes the criteria the peer has among these; none of them: 404. */
  unsubscribe(
    peer: string,
    pubsubTopic: string,
    contentTopics: readonly string[],
    nowMs: number,
  ): Result<void, SubscriptionRefusal> {
    const subscriber = this.subscribers.get(peer);
    const topics = subscriber?.criteria.get(pubsubTopic);
    const removed = [...new Set(contentTopics)].filter((topic) => topics?.has(topic) === true);
    if (subscriber === undefined || topics === undefined || removed.length === 0)
      return refuse(FilterStatus.NOT_FOUND, 'no such subscription');
    for (const contentTopic of removed) {
      topics.delete(contentTopic);
      this.forget(peer, pubsubTopic, contentTopic);
    }
    if (topics.size === 0) subscriber.criteria.delete(pubsubTopic);
    subscriber.count -= removed.length;
    this.criteriaCount -= removed.length;
    subscriber.lastSeenMs = nowMs;
    if (subscriber.count === 0) this.subscribers.delete(peer);
    return ok(undefined);
  }

  unsubscribeAll(peer: string): Result<void, SubscriptionRefusal> {
    return this.remove(peer) ? ok(undefined) : refuse(FilterStatus.NOT_FOUND, 'no subscription');
  }

  /** A subscriber's ping keeps its subscriptions alive; a peer without any gets 404. */
  ping(peer: string, nowMs: number): Result<void, SubscriptionRefusal> {
    const subscriber = this.subscribers.get(peer);
    if (subscriber === undefined) return refuse(FilterStatus.NOT_FOUND, 'no subscription');
    subscriber.lastSeenMs = nowMs;
    return ok(undefined);
  }

  /** The peers a message on this pubsub and content topic goes to. */
  subscribersOf(pubsubTopic: string, contentTopic: string): ReadonlySet<string> {
    return this.byCriterion.get(key(pubsubTopic, contentTopic)) ?? new Set();
  }

  /** Drops every subscriber not heard from within the TTL; returns them. */
  expire(nowMs: number): string[] {
    const expired = [...this.subscribers]
      .filter(([, subscriber]) => nowMs - subscriber.lastSeenMs > this.limits.ttlMs)
      .map(([peer]) => peer);
    for (const peer of expired) this.remove(peer);
    return expired;
  }

  /** Drops a subscriber with all its criteria; false when it had none. */
  remove(peer: string): boolean {
    const subscriber = this.subscribers.get(peer);
    if (subscriber === undefined) return false;
    for (const [pubsubTopic, topics] of subscriber.criteria)
      for (const contentTopic of topics) this.forget(peer, pubsubTopic, contentTopic);
    this.criteriaCount -= subscriber.count;
    this.subscribers.delete(peer);
    return true;
  }

  private forget(peer: string, pubsubTopic: string, contentTopic: string): void {
    const peers = this.byCriterion.get(key(pubsubTopic, contentTopic));
    peers?.delete(peer);
    if (peers?.size === 0) this.byCriterion.delete(key(pubsubTopic, contentTopic));
  }
}
