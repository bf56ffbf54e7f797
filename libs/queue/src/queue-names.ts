import { hashTagged } from './keyspace.js';

/**
 * Every BullMQ queue of the platform. Names carry a Redis Cluster hash tag (`{waku.inbound}`), so BullMQ's keys
 * `<prefix>:{waku.inbound}:wait`, `…:active`, `…:<jobId>` of one queue land in one slot while different queues
 * spread over the cluster. Tagging the prefix instead would put every queue in one slot (one node). The
 * platform uses no BullMQ flows across queues, which would need a shared slot.
 */
export const QueueName = {
  /** waku-gateway → indexer: every relayed Waku message, job id = message hash. */
  WAKU_INBOUND: hashTagged('waku.inbound'),
  /** publisher, request-handler → waku-gateway: finished (signed, encrypted) Waku messages to publish. */
  WAKU_OUTBOUND: hashTagged('waku.outbound'),
  /** api → publisher: create and edit hosted communities. */
  COMMUNITY_COMMANDS: hashTagged('community.commands'),
  /** indexer, api → request-handler: requests to join hosted communities, decisions, kick/ban/unban. */
  COMMUNITY_REQUESTS: hashTagged('community.requests'),
  /** request-handler, publisher schedule → publisher: (re)publish a hosted community's description. */
  COMMUNITY_PUBLISH: hashTagged('community.publish'),
  /** api → indexer: start or stop watching a public community. */
  COMMUNITY_WATCH: hashTagged('community.watch'),
  /** api → publisher: messages, edits, deletes, reactions, pins and join requests by bot identities. */
  BOT_MESSAGES: hashTagged('bot.messages'),
  /** api (event fan-out) → webhook deliverer: one job per subscription and event. */
  WEBHOOKS_DELIVER: hashTagged('webhooks.deliver'),
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
