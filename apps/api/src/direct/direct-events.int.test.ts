import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { appendEvent, eventStream } from '@status-communities/queue';
import type { DomainEvent } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import {
  communityIdOf,
  contactRequestReceived,
  directMessageAcknowledged,
  directMessageReceived,
  memberJoined,
} from '../testing/domain-events.js';
import { newKeys, seedBot } from '../testing/seed.js';
import { connectClient, subscribe } from '../testing/subscription-client.js';
import { startWebhookReceiver } from '../testing/webhook-receiver.js';

const HOSTED = communityIdOf(41);
const WATCHED = communityIdOf(42);

const EVENTS = `subscription ($filter: EventFilter, $after: ID) {
  events(filter: $filter, after: $after) {
    eventId type communityId occurredAt correlationId
    ... on DirectEvent { botKey peerKey }
    ... on DirectMessageReceivedEvent { messageId clock kind text replyTo }
    ... on ContactRequestReceivedEvent { messageId text }
    ... on DirectMessageAcknowledgedEvent { messageId }
  }
}`;
const CREATE_WEBHOOK = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { webhookSubscription { id } userErrors { code message } }
}`;

let api: ApiHarness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let ours: string;
let theirs: string;
let ourBot: string;
let theirBot: string;
const peer = newKeys().uncompressed;
const clients: Client[] = [];

const append = (event: DomainEvent) => appendEvent(api.redis, event, eventStream({ prefix: api.prefix }));
const listen = (key: string, variables: Record<string, unknown>) => {
  const client = connectClient(api.server.wsUrl, key);
  clients.push(client);
  return subscribe(client, EVENTS, variables);
};
const idsOf = (received: ReturnType<typeof listen>) =>
  received.results.map((result) => result.data?.['events']?.['eventId']);

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => 200);
  api = await startApiHarness({
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
    WEBHOOK_SECRET_KEY_ID: 'api-test',
    WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
  });
  ours = await api.createTenant('dm-ours');
  theirs = await api.createTenant('dm-theirs');
  await api.prisma.community.createMany({
    data: [
      { id: HOSTED, kind: 'HOSTED', tenantId: ours },
      { id: WATCHED, kind: 'WATCHED' },
    ],
  });
  ourBot = (await seedBot(api.prisma, ours)).publicKey;
  theirBot = (await seedBot(api.prisma, theirs)).publicKey;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await api.close();
  await receiver.close();
});

describe("a bot's 1:1 events", () => {
  it('reach only its tenant, through keys not bound to a community holding messages:read', async () => {
    const readAll = await api.createKey(ours, ['COMMUNITY_READ', 'MESSAGES_READ']);
    const start = await append(memberJoined(WATCHED, 0));
    const all = listen(readAll, { after: start });
    const ourBotOnly = listen(readAll, { after: start, filter: { botKey: ourBot, peerKey: peer } });
    const contactRequests = listen(readAll, {
      after: start,
      filter: { types: ['CONTACT_REQUEST_RECEIVED'] },
    });
    const typedClient = connectClient(api.server.wsUrl, readAll);
    clients.push(typedClient);
    const typed = subscribe(
      typedClient,
      `subscription ($after: ID, $botKey: String) {
        directMessageReceived(botKey: $botKey, after: $after) { eventId messageId text }
      }`,
      { after: start, botKey: ourBot },
    );
    const communityOnly = listen(await api.createKey(ours, ['COMMUNITY_READ']), { after: start });
    const bound = listen(await api.createKey(ours, ['ADMIN'], { communityId: HOSTED }), { after: start });
    const other = listen(await api.createKey(theirs, ['COMMUNITY_READ', 'MESSAGES_READ']), { after: start });

    const dm = directMessageReceived(ours, ourBot, peer, 1);
    const ids = [
      await append(dm),
      await append(contactRequestReceived(theirs, theirBot, peer, 2)),
      await append(directMessageAcknowledged(ours, ourBot, peer, 3)),
      await append(contactRequestReceived(ours, ourBot, peer, 4)),
      // Markers: the last event each subscriber sees.
      await append(memberJoined(HOSTED, 5)),
      await append(memberJoined(WATCHED, 6)),
    ];

    await waitFor('every subscriber', () =>
      [
        idsOf(all).includes(ids[5]),
        idsOf(ourBotOnly).includes(ids[3]),
        idsOf(contactRequests).includes(ids[3]),
        typed.results.length === 1,
        idsOf(communityOnly).includes(ids[5]),
        idsOf(bound).includes(ids[4]),
        idsOf(other).includes(ids[5]),
      ].every(Boolean),
    );
    expect(idsOf(all)).toEqual([ids[0], ids[2], ids[3], ids[4], ids[5]]);
    expect(idsOf(ourBotOnly)).toEqual([ids[0], ids[2], ids[3]]);
    expect(idsOf(contactRequests)).toEqual([ids[3]]);
    expect(typed.results.map((result) => result.data?.['directMessageReceived'])).toEqual([
      { eventId: ids[0], messageId: (dm as { messageId: string }).messageId, text: 'direct 1' },
    ]);
    expect(idsOf(communityOnly)).toEqual([ids[4], ids[5]]);
    expect(idsOf(bound)).toEqual([ids[4]]);
    expect(idsOf(other)).toEqual([ids[1], ids[5]]);
    expect(all.results[0]?.data?.['events']).toEqual({
      eventId: ids[0],
      type: 'DIRECT_MESSAGE_RECEIVED',
      communityId: null,
      occurredAt: new Date(dm.occurredAt).toISOString(),
      correlationId: null,
      botKey: ourBot,
      peerKey: peer,
      messageId: (dm as { messageId: string }).messageId,
      clock: '1',
      kind: 'TEXT',
      text: 'direct 1',
      replyTo: null,
    });
  });

  it("refuse a subscription to another tenant's bot, with a bad peer key, or from a bound key", async () => {
    const readAll = await api.createKey(ours, ['MESSAGES_READ']);
    const foreign = listen(readAll, { filter: { botKey: theirBot } });
    const badPeer = listen(readAll, { filter: { peerKey: '0x04nope' } });
    const bound = listen(await api.createKey(ours, ['ADMIN'], { communityId: HOSTED }), {
      filter: { botKey: ourBot },
    });
    await waitFor('three refusals', () => [foreign, badPeer, bound].every((sub) => sub.state.completed));
    const codeOf = (sub: typeof foreign) =>
      sub.results[0]?.errors?.[0]?.extensions?.['code'] ??
      (sub.state.error as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(codeOf(badPeer)).toBe('BAD_USER_INPUT');
    expect(codeOf(bound)).toBe('FORBIDDEN');
  });

  it("reach only the tenant's webhooks not bound to a community, as their event types ask", async () => {
    const webhook = async (tenantId: string, path: string, input: Record<string, unknown> = {}) => {
      const admin = await api.createKey(tenantId, ['ADMIN']);
      const created = await api.gql<{
        createWebhookSubscription: { webhookSubscription: { id: string } | null; userErrors: unknown[] };
      }>(CREATE_WEBHOOK, { input: { url: receiver.url(path), ...input } }, admin);
      expect(created.body.data?.createWebhookSubscription.userErrors).toEqual([]);
      return created.body.data?.createWebhookSubscription.webhookSubscription?.id ?? '';
    };
    const hooks = {
      ours: await webhook(ours, '/ours'),
      ourDms: await webhook(ours, '/our-dms', { events: ['DIRECT_MESSAGE_RECEIVED', 'MEMBER_JOINED'] }),
      ourCommunity: await webhook(ours, '/our-community', { communityId: HOSTED }),
      theirs: await webhook(theirs, '/theirs'),
    };

    const ids = [
      await append(directMessageReceived(ours, ourBot, peer, 11)),
      await append(contactRequestReceived(theirs, theirBot, peer, 12)),
      await append(directMessageAcknowledged(ours, ourBot, peer, 13)),
      await append(memberJoined(HOSTED, 14)),
      await append(memberJoined(WATCHED, 15)),
    ];
    const expected: Record<keyof typeof hooks, (string | undefined)[]> = {
      ours: [ids[0], ids[2], ids[3], ids[4]],
      ourDms: [ids[0], ids[3], ids[4]],
      ourCommunity: [ids[3]],
      theirs: [ids[1], ids[4]],
    };
    const deliveries = (subscriptionId: string) =>
      api.prisma.webhookDelivery.findMany({ where: { subscriptionId }, orderBy: { id: 'asc' } });
    // The fan-out takes events in stream order: once a webhook's last event has its delivery, so has the rest.
    await waitFor('the last event of every webhook', async () => {
      const rows = await Promise.all(Object.values(hooks).map(deliveries));
      return Object.values(expected).every((want, index) =>
        rows[index]?.some((row) => row.eventId === want.at(-1)),
      );
    });
    for (const [name, id] of Object.entries(hooks))
      expect((await deliveries(id)).map((row) => row.eventId)).toEqual(expected[name as keyof typeof hooks]);
    await waitFor('the message at its webhook', () =>
      receiver.at('/ours').some((request) => request.headers['x-webhook-id'] === ids[0]),
    );
    const dmBody = receiver.at('/ours').find((request) => request.headers['x-webhook-id'] === ids[0]);
    expect(dmBody?.headers['x-webhook-event']).toBe('direct.message_received');
    expect(JSON.parse(dmBody?.body ?? '{}')).toMatchObject({
      id: ids[0],
      type: 'direct.message_received',
      data: { botKey: ourBot, peerKey: peer, tenantId: ours, text: 'direct 11' },
    });
  });
});
