import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '@status-communities/observability';
import { appendEvent, eventStream } from '@status-communities/queue';
import type { DomainEvent } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import { apiConfig } from '../config.js';
import { startApi } from '../service.js';
import type { Api } from '../service.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { REDIS_URL, startApiHarness } from '../testing/api-harness.js';
import { communityIdOf, memberJoined, messageAdded } from '../testing/domain-events.js';
import { connectClient, subscribe } from '../testing/subscription-client.js';

const OURS = communityIdOf(21);
const THEIRS = communityIdOf(22);
const WATCHED = communityIdOf(23);

const EVENTS = `subscription ($filter: EventFilter, $after: ID) {
  events(filter: $filter, after: $after) {
    eventId type communityId occurredAt
    ... on MemberEvent { memberKey }
    ... on MessageAddedEvent { channelId messageId text clock }
  }
}`;

let api: ApiHarness;
let second: Api | undefined;
let readAll: string;
let communityOnly: string;
let boundToWatched: string;
let otherTenant: string;
const clients: Client[] = [];

const client = (key: string, server: Api = api.server): Client => {
  const opened = connectClient(server.wsUrl, key);
  clients.push(opened);
  return opened;
};
const append = (event: DomainEvent) => appendEvent(api.redis, event, eventStream({ prefix: api.prefix }));
const eventsOf = (results: { data: Record<string, Record<string, unknown>> | null | undefined }[]) =>
  results.map((result) => result.data?.['events']);

beforeAll(async () => {
  api = await startApiHarness({ SUBSCRIPTION_BUFFER_EVENTS: '20' });
  const ours = await api.createTenant('ours');
  const theirs = await api.createTenant('theirs');
  await api.prisma.community.createMany({
    data: [
      { id: OURS, kind: 'HOSTED', tenantId: ours },
      { id: THEIRS, kind: 'HOSTED', tenantId: theirs },
      { id: WATCHED, kind: 'WATCHED' },
    ],
  });
  readAll = await api.createKey(ours, ['COMMUNITY_READ', 'MESSAGES_READ']);
  communityOnly = await api.createKey(ours, ['COMMUNITY_READ']);
  boundToWatched = await api.createKey(ours, ['ADMIN'], { communityId: WATCHED });
  otherTenant = await api.createKey(theirs, ['COMMUNITY_READ', 'MESSAGES_READ']);
});

afterAll(async () => {
  await Promise.all(clients.map((opened) => opened.dispose()));
  await second?.stop();
  await api.close();
});

describe('GraphQL subscriptions over graphql-ws', () => {
  it('gives each key only the events of communities it may see, with the scopes it holds', async () => {
    const start = await append(memberJoined(WATCHED, 0));
    const all = subscribe(client(readAll), EVENTS, { after: start });
    const noMessages = subscribe(client(communityOnly), EVENTS, { after: start });
    const bound = subscribe(client(boundToWatched), EVENTS, { after: start });
    const foreign = subscribe(client(otherTenant), EVENTS, { after: start });

    const ids = [
      await append(memberJoined(OURS, 1)),
      await append(memberJoined(THEIRS, 2)),
      await append(messageAdded(WATCHED, 'general', 3)),
      await append(messageAdded(OURS, 'general', 4)),
      await append(memberJoined(communityIdOf(99), 5)),
      await append(memberJoined(WATCHED, 6)),
    ];

    await waitFor('every subscriber', () =>
      [all.results.length === 4, noMessages.results.length === 2, bound.results.length === 2].every(Boolean),
    );
    await waitFor('the other tenant', () => foreign.results.length === 3);
    const idsOf = (results: typeof all.results) => eventsOf(results).map((event) => event?.['eventId']);
    expect(idsOf(all.results)).toEqual([ids[0], ids[2], ids[3], ids[5]]);
    expect(idsOf(noMessages.results)).toEqual([ids[0], ids[5]]);
    expect(idsOf(bound.results)).toEqual([ids[2], ids[5]]);
    expect(idsOf(foreign.results)).toEqual([ids[1], ids[2], ids[5]]);
    expect(eventsOf(all.results)[1]).toEqual({
      eventId: ids[2],
      type: 'MESSAGE_ADDED',
      communityId: WATCHED,
      occurredAt: new Date(messageAdded(WATCHED, 'general', 3).occurredAt).toISOString(),
      channelId: 'general',
      messageId: (messageAdded(WATCHED, 'general', 3) as { messageId: string }).messageId,
      text: 'message 3',
      clock: '3',
    });
  });

  it('filters by community and channel, in the general and the typed fields', async () => {
    const start = await append(memberJoined(WATCHED, 10));
    const channel = subscribe(
      client(readAll),
      `subscription ($after: ID) { messageAdded(communityId: "${WATCHED}", channelId: "random", after: $after) { eventId channelId } }`,
      { after: start },
    );
    const community = subscribe(client(readAll), EVENTS, { after: start, filter: { communityId: OURS } });
    const joins = subscribe(client(readAll), EVENTS, { after: start, filter: { types: ['MEMBER_JOINED'] } });

    const ids = [
      await append(messageAdded(WATCHED, 'general', 11)),
      await append(messageAdded(WATCHED, 'random', 12)),
      await append(messageAdded(OURS, 'random', 13)),
      await append(memberJoined(OURS, 14)),
    ];

    await waitFor('the filtered subscribers', () =>
      [channel.results.length === 1, community.results.length === 2, joins.results.length === 1].every(
        Boolean,
      ),
    );
    expect(channel.results[0]?.data).toEqual({ messageAdded: { eventId: ids[1], channelId: 'random' } });
    expect(eventsOf(community.results).map((event) => event?.['eventId'])).toEqual([ids[2], ids[3]]);
    expect(eventsOf(joins.results).map((event) => event?.['eventId'])).toEqual([ids[3]]);
  });

  it('resumes after an eventId: the backlog, then live events, no gap and no repeat', async () => {
    const before = [];
    for (let n = 0; n < 30; n += 1) before.push(await append(memberJoined(OURS, 100 + n)));
    const resumed = subscribe(client(readAll), EVENTS, { after: before[9], filter: { communityId: OURS } });
    await waitFor('the backlog', () => resumed.results.length === 20);
    const live = [];
    for (let n = 0; n < 10; n += 1) live.push(await append(memberJoined(OURS, 200 + n)));

    await waitFor('the live events', () => resumed.results.length === 30);
    expect(eventsOf(resumed.results).map((event) => event?.['eventId'])).toEqual([
      ...before.slice(10),
      ...live,
    ]);
  });

  it('delivers every event to subscribers of two API instances', async () => {
    const config = apiConfig.load({
      DATABASE_URL: api.db.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: api.prefix,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      HEALTH_PORT: '0',
    });
    second = await startApi(config, {
      logger: createLogger({ serviceName: 'api-2', level: 'silent' }),
    });
    const start = await append(memberJoined(OURS, 300));
    const onFirst = subscribe(client(readAll), EVENTS, { after: start, filter: { communityId: OURS } });
    const onSecond = subscribe(client(readAll, second), EVENTS, {
      after: start,
      filter: { communityId: OURS },
    });
    const alsoOnSecond = subscribe(client(readAll, second), EVENTS, {
      after: start,
      filter: { communityId: OURS },
    });

    const ids = [];
    for (let n = 0; n < 25; n += 1) ids.push(await append(memberJoined(OURS, 301 + n)));

    await waitFor('all three', () =>
      [onFirst, onSecond, alsoOnSecond].every((sub) => sub.results.length === 25),
    );
    for (const sub of [onFirst, onSecond, alsoOnSecond])
      expect(eventsOf(sub.results).map((event) => event?.['eventId'])).toEqual(ids);
  });

  it('gives each subscriber of one event its own fields, events and id, though payloads are shared', async () => {
    const TEXTS = `subscription ($filter: EventFilter, $after: ID) {
      events(filter: $filter, after: $after) { eventId ... on MessageAddedEvent { text } }
    }`;
    const asEvents = (eventId: string, event: DomainEvent) => {
      const common = { eventId, communityId: 'communityId' in event ? event.communityId : null };
      const occurredAt = new Date(event.occurredAt).toISOString();
      if (event.type === 'message.added') {
        const { channelId, messageId, text, clock } = event;
        return { ...common, type: 'MESSAGE_ADDED', occurredAt, channelId, messageId, text, clock };
      }
      return {
        ...common,
        type: 'MEMBER_JOINED',
        occurredAt,
        memberKey: (event as { memberKey: string }).memberKey,
      };
    };
    const asTexts = (eventId: string, event: DomainEvent) =>
      event.type === 'message.added' ? { eventId, text: event.text } : { eventId };

    const start = await append(memberJoined(WATCHED, 700));
    const ours = client(readAll);
    // Two shapes (EVENTS, TEXTS); in each, subscribers of other filters and tenants, and two on one socket.
    const wide = subscribe(ours, EVENTS, { after: start });
    const narrow = subscribe(ours, TEXTS, { after: start });
    const watchedOnly = subscribe(client(readAll), EVENTS, {
      after: start,
      filter: { communityId: WATCHED },
    });
    const foreign = subscribe(client(otherTenant), TEXTS, { after: start });
    const noMessages = subscribe(client(communityOnly), TEXTS, { after: start });
    const subscribers = [wide, narrow, watchedOnly, foreign, noMessages];

    // Once each has the first event, the rest reach them live: the one object the stream tail hands out.
    const appended: [string, DomainEvent][] = [];
    const add = async (event: DomainEvent) => appended.push([await append(event), event]);
    await add(memberJoined(WATCHED, 701));
    await waitFor('every subscriber live', () => subscribers.every((sub) => sub.results.length === 1));
    for (let n = 0; n < 5; n += 1) {
      await add(messageAdded(OURS, 'general', 710 + n));
      await add(messageAdded(WATCHED, 'random', 720 + n));
      await add(memberJoined(THEIRS, 730 + n));
    }
    await add(memberJoined(WATCHED, 740));

    const expected = (shape: typeof asEvents | typeof asTexts, sees: (event: DomainEvent) => boolean) =>
      appended.filter(([, event]) => sees(event)).map(([id, event]) => shape(id, event));
    const inCommunity =
      (...communities: string[]) =>
      (event: DomainEvent) =>
        'communityId' in event && communities.includes(event.communityId);
    const membersOf = (community: string) => (event: DomainEvent) =>
      inCommunity(community)(event) && event.type === 'member.joined';
    const expectations = [
      [wide, expected(asEvents, inCommunity(OURS, WATCHED))],
      [narrow, expected(asTexts, inCommunity(OURS, WATCHED))],
      [watchedOnly, expected(asEvents, inCommunity(WATCHED))],
      [foreign, expected(asTexts, inCommunity(THEIRS, WATCHED))],
      [noMessages, expected(asTexts, membersOf(WATCHED))],
    ] as const;
    await waitFor('every subscriber', () =>
      expectations.every(([sub, events]) => sub.results.length === events.length),
    );
    for (const [sub, events] of expectations) expect(eventsOf(sub.results)).toEqual(events);
  });

  it('refuses what a key may not subscribe to, with the error code in extensions', async () => {
    const forbidden = subscribe(client(communityOnly), `subscription { messageAdded { eventId } }`);
    const hidden = subscribe(client(readAll), EVENTS, { filter: { communityId: THEIRS } });
    const badCursor = subscribe(client(readAll), EVENTS, { after: 'yesterday' });
    const future = subscribe(client(readAll), EVENTS, { after: `${Date.now() + 3_600_000}-0` });

    await waitFor('four refusals', () =>
      [forbidden, hidden, badCursor, future].every((sub) => sub.state.completed),
    );
    const codeOf = (sub: typeof forbidden) =>
      sub.results[0]?.errors?.[0]?.extensions?.['code'] ??
      (sub.state.error as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
  });

  it('ends a subscription whose client stops reading with SLOW_CONSUMER, once its buffer is full', async () => {
    const start = await append(memberJoined(OURS, 400));
    // A raw graphql-ws client whose socket stops reading: the server's sends wait on TCP, events pile up.
    const socket = new WebSocket(api.server.wsUrl, 'graphql-transport-ws');
    const frames: { type: string; payload?: { errors?: { extensions?: { code?: string } }[] } }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${readAll}` } }));
    await waitFor('the connection ack', () => frames.some((frame) => frame.type === 'connection_ack'));
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: EVENTS, variables: { after: start, filter: { communityId: WATCHED } } },
      }),
    );
    // ws keeps its TCP socket in `_socket`: pausing it stops reading without closing anything.
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    tcp.pause();
    // About 32 MB, far past what the sockets' kernel buffers hold, with a buffer of 20 events (see beforeAll).
    const text = 'x'.repeat(32 * 1024);
    for (let n = 0; n < 1_000; n += 1)
      await append({ ...messageAdded(WATCHED, 'general', 500 + n), text } as DomainEvent);
    tcp.resume();

    await waitFor('the end of the subscription', () => frames.at(-1)?.type === 'complete', {
      timeoutMs: 30_000,
    });
    const last = frames.at(-2);
    expect(last?.payload?.errors?.[0]?.extensions?.code).toBe('SLOW_CONSUMER');
    const delivered = frames.filter((frame) => frame.type === 'next').length - 1;
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(1_000);
    socket.close();
  });
});
