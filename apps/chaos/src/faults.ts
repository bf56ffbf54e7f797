import { setTimeout as sleep } from 'node:timers/promises';
import { StatusMember, waitFor } from '@status-communities/testing';
import { requestToJoin } from './community.js';
import { FORGED_TEXT, forgeryKinds } from './forged.js';
import { publishOn } from './member-wire.js';
import type { Readiness, ServiceName } from './platform.js';
import { SERVICES } from './platform.js';
import { SequencePoster } from './poster.js';
import { countStoredWithPrefix, readStoredSequence } from './stored-posts.js';
import { readingSubscriber, stalledSubscriber } from './subscribers.js';
import type { ChaosContext, Fault, FaultFindings } from './window.js';
import { settle } from './window.js';

/** How long a dependency or both gateways stay down: a node failure or a redeploy, not a blip. */
export const OUTAGE_MS = 5_000;

/** kill -9 of one service, started again at once (a supervisor's restart). */
export const crashService = (service: ServiceName): Fault => ({
  name: `kill -9 ${service}`,
  inject: async ({ platform }) => {
    await platform.crash(service);
    platform.restart(service);
  },
});

/** Both gateways killed together and started again 5 s later: Waku traffic meanwhile reached no gateway. */
export const crashBothGateways: Fault = {
  name: 'kill -9 both gateways, restart 5 s later',
  inject: async ({ platform }) => {
    await Promise.all([platform.crash('waku-gateway'), platform.crash('waku-gateway-2')]);
    await sleep(OUTAGE_MS);
    platform.restart('waku-gateway');
    platform.restart('waku-gateway-2');
  },
};

/**
 * /readyz of every service while a dependency is down: each must answer, and not 200. Read after the services
 * had a moment to notice.
 */
const readinessDuring = async (
  context: ChaosContext,
  dependency: string,
): Promise<{ note: string; problems: string[] }> => {
  await sleep(OUTAGE_MS / 2);
  const readiness: Readiness = await context.platform.readiness();
  const problems = SERVICES.filter((name) => readiness[name] === 200 || readiness[name] === 'timeout').map(
    (name) =>
      `${name} /readyz ${readiness[name] === 200 ? 'answered 200' : 'did not answer in 1 s'} with ${dependency} down`,
  );
  const note = `/readyz with ${dependency} down: ${SERVICES.map((name) => `${name} ${readiness[name]}`).join(', ')}`;
  return { note, problems };
};

interface Restartable {
  crash(): Promise<void>;
  start(): Promise<void>;
}

/** A server the services depend on crashes and is started again 5 s later; /readyz is read meanwhile. */
const outage = (
  name: string,
  dependency: string,
  server: (context: ChaosContext) => Restartable | undefined,
): Fault => ({
  name,
  inject: async (context) => {
    const down = server(context);
    if (!down) throw new Error(`the ${dependency} fault needs the suite's own ${dependency}`);
    await down.crash();
    const found = await readinessDuring(context, dependency);
    await sleep(OUTAGE_MS / 2);
    await down.start();
    return found;
  },
});

/** Redis killed (-9) and started again from its append-only file. */
export const crashRedis = outage(
  'kill -9 Redis, AOF restart 5 s later',
  'Redis',
  ({ redis }) => redis && { crash: redis.kill, start: redis.restart },
);

/** PostgreSQL stopped as by a crash (immediate: recovery from the WAL) and started again. */
export const restartPostgres = outage(
  'PostgreSQL crash, start 5 s later',
  'PostgreSQL',
  (context) => context.postgres,
);

/**
 * Thousands of forged and invalid Waku messages of every kind, published by another peer as fast as its node
 * takes them, beside the member's posts.
 */
export const forgedFlood = (perKind: number): Fault => ({
  name: 'forged flood',
  inject: async (context, poster) => {
    const realPost = poster.lastPost;
    if (!realPost) throw new Error('the flood replays a real post: none sent yet');
    const kinds = Object.entries(
      forgeryKinds({ community: context.community, member: context.member, realPost }),
    );
    const gateways = ['waku-gateway', 'waku-gateway-2'] as const;
    const received = async () => {
      const counts = await Promise.all(
        gateways.map((gateway) =>
          context.platform.metricSum(gateway, 'waku_gateway_messages_in_total', 'source="relay"'),
        ),
      );
      return Math.min(...counts);
    };
    const drops = async () => {
      const byReason = new Map<string, number>();
      for (const gateway of gateways)
        for (const { labels, value } of await context.platform.metricSeries(
          gateway,
          'waku_gateway_inbound_drops_total',
        )) {
          const reason = /reason="([^"]*)"/.exec(labels)?.[1] ?? 'unknown';
          byReason.set(reason, (byReason.get(reason) ?? 0) + value);
        }
      return byReason;
    };
    const receivedBefore = await received();
    const dropsBefore = await drops();
    let published = 0;
    for (let index = 0; index < perKind; index++)
      for (const [, forge] of kinds)
        if ((await publishOn(context.attacker, forge(index))).status === 'published') published++;
    return {
      afterSettle: async () => {
        // The flood and the member's posts since it began: what the relay delivered to each gateway.
        const relayed = (await received()) - receivedBefore;
        const dropped = [...(await drops())]
          .map(([reason, count]) => [reason, count - (dropsBefore.get(reason) ?? 0)] as const)
          .filter(([, count]) => count > 0)
          .map(([reason, count]) => `${reason} ${count}`);
        const stored = await countStoredWithPrefix(
          context.databaseUrl,
          context.community.communityId,
          FORGED_TEXT,
        );
        return {
          note: `${published} forged messages of ${kinds.length} kinds published, ${stored} stored; the gateway receiving least took ${relayed} messages off the relay since the flood began, the gateways dropped ${dropped.join(', ') || 'none'}`,
          problems: stored > 0 ? [`${stored} forged posts stored`] : [],
        };
      },
    };
  },
});

/**
 * The indexer killed while posts pile up on its queue, started again, and killed a second time while it works
 * through that backlog.
 */
export const crashIndexerWithBacklog: Fault = {
  name: 'kill -9 indexer with a backlog',
  inject: async ({ platform, databaseUrl, community, member, ratePerSecond }, poster) => {
    const indexed = async () =>
      (await readStoredSequence(databaseUrl, community.communityId, member.memberKey).catch(() => new Map()))
        .size;
    await platform.crash('indexer');
    // Ten seconds of posts queue up with no indexer.
    await poster.waitForSent(poster.sentCount + 10 * ratePerSecond);
    const before = await indexed();
    platform.restart('indexer');
    let during = before;
    await platform.processes.waitFor(
      'the indexer working through its backlog',
      async () => {
        during = await indexed();
        return during > before || undefined;
      },
      { timeoutMs: 120_000 },
    );
    await platform.crash('indexer');
    platform.restart('indexer');
    return { note: `killed again with ${during - before} of the backlog indexed` };
  },
};

/** A graphql-ws client stops reading its socket while the member's posts flow as events. */
export const stalledGraphqlClient: Fault = {
  name: 'graphql-ws client stops reading',
  inject: async ({ platform, community, member, databaseUrl, ratePerSecond }, poster) => {
    const wsUrl = platform.graphqlUrl.replace(/^http/, 'ws');
    const reader = readingSubscriber(wsUrl, platform.adminKey, community.communityId);
    await waitFor('events at the reading client', () => reader.received.size > 0, { timeoutMs: 60_000 });
    const firstRead = Math.min(...reader.received);
    const memoryBefore = await platform.metricSum('api', 'process_resident_memory_bytes');
    const stalled = await stalledSubscriber(wsUrl, platform.adminKey, community.communityId);
    await poster.waitForSent(poster.sentCount + 15 * ratePerSecond);
    const memoryAfter = await platform.metricSum('api', 'process_resident_memory_bytes');
    const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    return {
      afterSettle: async (): Promise<FaultFindings> => {
        // Every post stored since the reader's first event must reach it, the stalled client notwithstanding.
        const stored = await readStoredSequence(databaseUrl, community.communityId, member.memberKey);
        const expected = [...stored.keys()].filter((seq) => seq >= firstRead);
        await waitFor(
          'the stored posts at the reading client',
          () => expected.every((seq) => reader.received.has(seq)),
          {
            timeoutMs: 30_000,
          },
        ).catch(() => {});
        const missed = expected.filter((seq) => !reader.received.has(seq)).length;
        stalled.close();
        await reader.close();
        return {
          note: `reading client got ${expected.length - missed}/${expected.length} events; api memory ${megabytes(memoryBefore)} → ${megabytes(memoryAfter)} with a client stalled for 15 s`,
          problems: missed > 0 ? [`the reading client missed ${missed} events`] : [],
        };
      },
    };
  },
};

/**
 * A new member's first posts, sent the moment its acceptance arrives (as the Status app lets its user post),
 * counted with the window's.
 */
export const firstPosts = (count: number): Fault => ({
  name: `a new member's first ${count} posts`,
  inject: async (context) => {
    const newcomer = new StatusMember('newcomer');
    await requestToJoin(context.platform, context.wire, newcomer, context.community);
    const poster = new SequencePoster(context.wire, newcomer, context.community, 1, context.ratePerSecond);
    await poster.waitForSent(count);
    const posted = await poster.stop();
    return {
      afterSettle: async () => {
        const newcomerTally = await settle(context, newcomer, posted.sent);
        return {
          tallies: [newcomerTally],
          note: `the newcomer's first ${newcomerTally.sent} posts: ${newcomerTally.indexed} indexed`,
        };
      },
    };
  },
});
