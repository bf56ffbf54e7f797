// Issue #6's story through GraphQL only (story.e2e.test.ts on the shared Redis, story.cluster.test.ts on a
// Redis Cluster): every service as its own process from its build, on a fresh
// database, a Redis prefix of its own and a Waku devnet; a Status member built from libs/protocol and
// libs/crypto on its own devnet node; two API instances whose subscriptions must tell the same story.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLResponse } from '@status-communities/api/testing';
import type { Received } from '@status-communities/api/testing';
import { newApiKeySecret } from '@status-communities/api/testing';
import { connectClient, subscribe } from '@status-communities/api/testing';
import { databaseNameOf, withDatabaseName } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { base64ToBytes, bytesToBase64, closeRedis, createRedisConnection } from '@status-communities/queue';
import { deleteKeyspace } from '@status-communities/queue';
import type { Devnet, SentMessage, WireMessage } from '@status-communities/testing';
import {
  freePort,
  latestDescription,
  ServiceProcesses,
  startDevnet,
  StatusMember,
} from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';

/** Where the story's services keep their state. */
export interface StoryBacking {
  /** Named in the test's title. */
  readonly name: string;
  /** REDIS_URL of every service; read once the suite's beforeAll hooks registered earlier have run. */
  readonly redisUrl: () => string;
  /**
   * A PostgreSQL server and its streaming replica (server URLs, read like redisUrl): the story's database is made
   * on the primary and the APIs read queries from the replica (DATABASE_READ_URL). Default: the shared server.
   */
  readonly database?: () => { readonly serverUrl: string; readonly replicaServerUrl: string };
}

/** The operations an API instance served from each PostgreSQL pool, by its /metrics. */
const operationsByPool = async (healthPort: number): Promise<Record<string, number>> => {
  const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, pool, value] of text.matchAll(/^api_db_operations_total\{[^}]*pool="(\w+)"[^}]*\} (\S+)$/gm))
    counts[pool as string] = (counts[pool as string] ?? 0) + Number(value);
  return counts;
};

/** Registers the story's hooks and test in the calling test file. */
export const communityStory = (backing: StoryBacking): void => {
  const prefix = `story-${randomBytes(4).toString('hex')}`;
  const adminKey = newApiKeySecret().secret;
  let db: TestDatabase;
  let devnet: Devnet;
  const services = new ServiceProcesses(() => ({
    DATABASE_URL: db.url,
    REDIS_URL: backing.redisUrl(),
    REDIS_KEY_PREFIX: prefix,
  }));
  const children = new Map<string, ChildProcess>();
  const apiUrls: string[] = [];
  const healthPorts = new Map<string, number>();

  /** Starts a service on a health port of its own and waits for its /readyz. */
  const startService = async (name: string, app: string, env: Record<string, string> = {}) => {
    const healthPort = await freePort();
    healthPorts.set(name, healthPort);
    children.set(name, services.start(app, { ...env, HEALTH_PORT: String(healthPort), SERVICE_NAME: name }));
    await services.ready(name, healthPort);
  };

  const startApi = async (name: string, keyring: Record<string, string>) => {
    const port = await freePort();
    const replica = backing.database?.().replicaServerUrl;
    await startService(name, 'api', {
      ...keyring,
      ...(replica === undefined
        ? {}
        : {
            DATABASE_READ_URL: withDatabaseName(replica, databaseNameOf(db.url)),
            // The story's reader shares the admin's tenant, which mutates throughout: a short window lets its
            // reads between the mutations reach the replica.
            DATABASE_READ_AFTER_WRITE_MS: '2000',
          }),
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ADMIN_BOOTSTRAP_TOKEN: adminKey,
    });
    apiUrls.push(`http://127.0.0.1:${port}/graphql`);
  };

  const gql = async <D>(
    query: string,
    variables: Record<string, unknown> = {},
    key = adminKey,
    url = apiUrls[0] as string,
  ): Promise<D> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<D>['body'];
    if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  beforeAll(async () => {
    const serverUrl = backing.database?.().serverUrl;
    db = await createTestDatabase(serverUrl === undefined ? {} : { serverUrl });
    devnet = await startDevnet({ nodes: 2 });
    const keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: 'story' };
    await startService('waku-gateway', 'waku-gateway', {
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
    });
    await startService('indexer', 'indexer');
    await startService('publisher', 'publisher', { ...keyring, PUBLISH_DEBOUNCE_MS: '0' });
    await startService('request-handler', 'request-handler', keyring);
    // One after the other: both would make the bootstrap key otherwise.
    await startApi('api-1', keyring);
    await startApi('api-2', keyring);
  });

  afterAll(async () => {
    // SIGTERM to each, the APIs first (their WebSockets), the gateway last (the others' traffic goes through it).
    const exits: { name: string; code: number | null }[] = [];
    for (const [name, child] of [...children].reverse())
      exits.push({ name, code: await services.stop(child) });
    await services.kill();
    await devnet?.stop();
    const redis = createRedisConnection(backing.redisUrl());
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db?.drop();
    expect({ exits, output: exits.every(({ code }) => code === 0) ? '' : services.output }).toEqual({
      exits: [...children.keys()].reverse().map((name) => ({ name, code: 0 })),
      output: '',
    });
  });

  const EVENT_FIELDS = `eventId type communityId correlationId
    ... on MemberEvent { memberKey deleteAllMessages }
    ... on RequestEvent { requesterKey decision decidedBy }
    ... on MessageAddedEvent { channelId messageId authorKey text }`;

  interface StoryEvent {
    readonly eventId: string;
    readonly type: string;
    readonly memberKey?: string;
    readonly requesterKey?: string;
    readonly decision?: string;
    readonly decidedBy?: string;
    readonly messageId?: string;
    readonly authorKey?: string;
    readonly text?: string;
    readonly channelId?: string;
    readonly deleteAllMessages?: boolean | null;
  }
  const eventsOf = (results: Received[]) => {
    for (const result of results) if (result.errors) throw new Error(JSON.stringify(result.errors));
    return results.map((result) => result.data?.['events'] as unknown as StoryEvent);
  };

  describe(`the story of a community, through GraphQL only, on two API instances (${backing.name})`, () => {
    it('is created, joined, posted in, moderated and counted, every event on both instances', async () => {
      // The member: a Status app's requests and reads, on its own devnet node, listening from the start (the
      // description goes out once per change).
      const memberNode = devnet.nodes[1] as WakuNode;
      const seen: WireMessage[] = [];
      memberNode.subscribe(({ pubsubTopic, message }) =>
        seen.push({
          pubsubTopic,
          contentTopic: message.contentTopic,
          payload: bytesToBase64(message.payload),
        }),
      );
      const send = (message: SentMessage) =>
        services.waitFor(
          `the member's message out on ${message.pubsubTopic}`,
          async () =>
            (
              await memberNode.publish(message.pubsubTopic, {
                payload: message.payload,
                contentTopic: message.contentTopic,
                version: 1,
                timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
              })
            ).status === 'published' || undefined,
        );
      // The bootstrap admin makes the key the story's dashboard reads with.
      const { createApiKey } = await gql<{ createApiKey: { secret: string; userErrors: unknown[] } }>(
        `mutation { createApiKey(input: { name: "story reader", scopes: [COMMUNITY_READ, MESSAGES_READ] }) {
          secret userErrors { code message } } }`,
      );
      expect(createApiKey.userErrors).toEqual([]);
      const reader = createApiKey.secret;

      const { createCommunity } = await gql<{ createCommunity: { userErrors: unknown[] } }>(
        `mutation { createCommunity(input: { identity: { name: "Story", description: "Told through GraphQL",
          color: "#4360df" }, access: AUTO_ACCEPT, idempotencyKey: "story" }) { userErrors { code message } } }`,
      );
      expect(createCommunity.userErrors).toEqual([]);
      interface Hosted {
        communityId: string;
        access: string;
        clock: string;
        lastPublishedAt: string | null;
      }
      const community = await services.waitFor(
        'the community published',
        async () =>
          (
            await gql<{ communities: { edges: { node: Hosted }[] } }>(
              '{ communities(filter: { kind: HOSTED }) { edges { node { communityId access clock lastPublishedAt } } } }',
            )
          ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node,
        { timeoutMs: 60_000 },
      );
      expect(community.access).toBe('AUTO_ACCEPT');
      expect(BigInt(community.clock)).toBeGreaterThan(0n);
      const communityId = community.communityId;

      // A subscription opened before the channel exists names an event the story's changes cause: the cursor
      // both instances' subscriptions start after, so they must deliver the very same events from there on.
      const probe = subscribe(
        connectClient(apiUrls[0]!.replace('http', 'ws'), reader),
        `subscription ($id: String!) { events(filter: { communityId: $id }) { ${EVENT_FIELDS} } }`,
        { id: communityId },
      );
      const { createChannel } = await gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
        `mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) {
          channelId userErrors { code message } } }`,
        { id: communityId },
      );
      expect(createChannel.userErrors).toEqual([]);
      const channelId = createChannel.channelId;
      // The probe's subscription may start after the channel's event went by: another change then names one.
      let nudgedAt = Date.now();
      const cursor = await services.waitFor('an event at the probe', async () => {
        const [first] = eventsOf(probe.results);
        if (!first && Date.now() - nudgedAt > 10_000) {
          nudgedAt = Date.now();
          const { updateCommunity } = await gql<{ updateCommunity: { userErrors: unknown[] } }>(
            `mutation ($id: String!, $text: String!) { updateCommunity(input: { communityId: $id,
              identity: { description: $text } }) { userErrors { code message } } }`,
            { id: communityId, text: `Told through GraphQL at ${nudgedAt}` },
          );
          expect(updateCommunity.userErrors).toEqual([]);
        }
        return first?.eventId;
      });
      probe.stop();

      const [one, two] = apiUrls.map((url) =>
        subscribe(
          connectClient(url.replace('http', 'ws'), reader),
          `subscription ($id: String!, $after: ID) { events(filter: { communityId: $id }, after: $after) { ${EVENT_FIELDS} } }`,
          { id: communityId, after: cursor },
        ),
      ) as [ReturnType<typeof subscribe>, ReturnType<typeof subscribe>];
      const onBoth = (what: string, match: (event: StoryEvent) => boolean) =>
        services
          .waitFor(
            `${what} on both instances`,
            async () => {
              const found = [one, two].map((subscription) => eventsOf(subscription.results).find(match));
              return found.every((event) => event !== undefined) ? (found as StoryEvent[]) : undefined;
            },
            { timeoutMs: 90_000 },
          )
          .catch((error: unknown) => {
            // What did arrive tells which service the story stopped at.
            const arrived = [one, two].map((subscription) => eventsOf(subscription.results));
            throw new Error(`${String(error)}\nevents: ${JSON.stringify(arrived)}`);
          });

      const alice = new StatusMember('alice');

      const described = await services.waitFor(
        'the description with the channel at the member',
        async () => latestDescription(seen, communityId)?.channels.has(channelId) || undefined,
        { timeoutMs: 90_000 },
      );
      expect(described).toBe(true);
      const request = alice.requestToJoin(communityId);
      await send({ ...request, payload: base64ToBytes(request.payload), messageId: '' });

      const joined = await onBoth(
        'member joined',
        (event) => event.type === 'MEMBER_JOINED' && event.memberKey === alice.memberKey,
      );
      expect(joined[0]).toEqual(joined[1]);
      await services.waitFor(
        'the acceptance at the member',
        async () => alice.responses(seen).find((answer) => answer.response.accepted),
        { timeoutMs: 60_000 },
      );
      const decided = eventsOf(one.results).find((event) => event.type === 'REQUEST_DECIDED');
      expect(decided).toMatchObject({
        requesterKey: alice.memberKey,
        decision: 'ACCEPT',
        decidedBy: 'policy',
      });

      const post = alice.post(communityId, channelId, 'gm from a Status app');
      await send(post);
      const added = await onBoth('message added', (event) => event.type === 'MESSAGE_ADDED');
      expect(added[0]).toMatchObject({
        messageId: post.messageId,
        authorKey: alice.memberKey,
        text: 'gm from a Status app',
        channelId,
      });
      const { messages } = await gql<{
        messages: { edges: { node: { messageId: string; authorKey: string; text: string } }[] };
      }>(
        'query ($channel: String!) { messages(channelId: $channel) { edges { node { messageId authorKey text } } } }',
        { channel: communityId + channelId },
        reader,
        apiUrls[1],
      );
      expect(messages.edges.map((edge) => edge.node)).toEqual([
        { messageId: post.messageId, authorKey: alice.memberKey, text: 'gm from a Status app' },
      ]);

      const { banMember } = await gql<{ banMember: { userErrors: unknown[] } }>(
        `mutation ($id: String!, $member: String!) { banMember(input: { communityId: $id, memberKey: $member,
          deleteAllMessages: false, idempotencyKey: "ban-alice" }) { userErrors { code message } } }`,
        { id: communityId, member: alice.memberKey },
      );
      expect(banMember.userErrors).toEqual([]);
      const banned = await onBoth(
        'member banned',
        (event) => event.type === 'MEMBER_BANNED' && event.memberKey === alice.memberKey,
      );
      expect(banned[0]?.deleteAllMessages).toBe(false);

      interface Members {
        community: {
          active: { totalCount: number; edges: { node: { memberKey: string } }[] };
          banned: { edges: { node: { memberKey: string } }[] };
          bans: { memberKey: string }[];
        };
      }
      const members = await services.waitFor('alice out of the members', async () => {
        const { community: found } = await gql<Members>(
          `query ($id: String!) { community(ref: { id: $id }) {
            active: members { totalCount edges { node { memberKey } } }
            banned: members(state: BANNED) { edges { node { memberKey } } }
            bans { memberKey } } }`,
          { id: communityId },
          reader,
        );
        return found.bans.length > 0 ? found : undefined;
      });
      expect(members.active.edges.map((edge) => edge.node.memberKey)).not.toContain(alice.memberKey);
      expect(members.banned.edges.map((edge) => edge.node.memberKey)).toEqual([alice.memberKey]);
      expect(members.bans).toEqual([{ memberKey: alice.memberKey }]);
      if (backing.database) {
        // The same members read again until the replica serves the read: the replica's answer is the primary's.
        const apiHealth = healthPorts.get('api-1') as number;
        const replicaReads = async () => (await operationsByPool(apiHealth))['replica'] ?? 0;
        const before = await replicaReads();
        const fromReplica = await services.waitFor('a members read served by the replica', async () => {
          const { community: found } = await gql<Members>(
            `query ($id: String!) { community(ref: { id: $id }) {
              active: members { totalCount edges { node { memberKey } } }
              banned: members(state: BANNED) { edges { node { memberKey } } }
              bans { memberKey } } }`,
            { id: communityId },
            reader,
          );
          return (await replicaReads()) > before ? found : undefined;
        });
        expect(fromReplica).toEqual(members);
      }

      const today = new Date().toISOString().slice(0, 10);
      interface Stats {
        stats: {
          totalMessages: number;
          membersOverTime: { day: string; memberCount: number; joined: number; left: number }[];
          messagesPerChannelPerDay: {
            channelId: string;
            day: string;
            messages: number;
            uniquePosters: number;
          }[];
          uniquePosters: { day: string; daily: number }[];
        };
      }
      // The ban's description is counted when the publisher publishes it, a moment after the ban is stored.
      const { stats } = await services.waitFor('the ban in the stats', async () => {
        const read = await gql<Stats>(
          `query ($id: String!, $day: Date!) { stats(communityId: $id, range: { from: $day, to: $day }) {
            totalMessages membersOverTime { day memberCount joined left }
            messagesPerChannelPerDay { channelId day messages uniquePosters } uniquePosters { day daily } } }`,
          { id: communityId, day: today },
          reader,
          apiUrls[1],
        );
        return read.stats.membersOverTime.some((point) => point.left > 0) ? read : undefined;
      });
      expect(stats.totalMessages).toBe(1);
      expect(stats.messagesPerChannelPerDay).toEqual([
        { channelId: communityId + channelId, day: today, messages: 1, uniquePosters: 1 },
      ]);
      expect(stats.uniquePosters).toEqual([{ day: today, daily: 1 }]);
      expect(stats.membersOverTime).toEqual([
        { day: today, memberCount: members.active.totalCount, joined: 1, left: 1 },
      ]);

      // Every event either instance delivered, in the same order on both.
      const ids = await services.waitFor('the same events on both instances', async () => {
        const [first, second] = [one, two].map((subscription) =>
          eventsOf(subscription.results).map((event) => event.eventId),
        );
        return JSON.stringify(first) === JSON.stringify(second) ? first : undefined;
      });
      expect(eventsOf(two.results)).toEqual(eventsOf(one.results));
      expect(ids).toContain(banned[0]?.eventId);
      expect(new Set(eventsOf(one.results).map((event) => event.type))).toEqual(
        new Set([
          'REQUEST_RECEIVED',
          'REQUEST_DECIDED',
          'MEMBER_JOINED',
          'MESSAGE_ADDED',
          'MEMBER_BANNED',
          'COMMUNITY_UPDATED',
        ]),
      );
      one.stop();
      two.stop();
    });
  });
};
