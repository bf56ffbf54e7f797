import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendEvent, eventStream } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { communityIdOf, memberJoined } from '../testing/domain-events.js';
import { startWebhookReceiver } from '../testing/webhook-receiver.js';

const HOSTED = communityIdOf(31);

const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) {
    webhookSubscription { id url events communityId active }
    secret
    userErrors { code message field }
  }
}`;

const DELIVERIES = `query ($status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(status: $status, first: $first, after: $after) {
    edges { cursor node { eventId eventType status attempts lastStatusCode lastError lastLatencyMs payload } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Created {
  createWebhookSubscription: {
    webhookSubscription: { id: string; url: string; events: string[] } | null;
    secret: string | null;
    userErrors: { code: string; field: string[] | null }[];
  };
}

describe('webhooks through the GraphQL API', () => {
  let api: ApiHarness;
  let admin: string;
  let reader: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    // The dead-letter path answers 503 to everything.
    receiver = await startWebhookReceiver((request) => (request.path === '/down' ? 503 : 200));
    api = await startApiHarness({
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
      WEBHOOK_SECRET_KEY_ID: 'api-test',
      WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
      WEBHOOK_MAX_ATTEMPTS: '2',
      WEBHOOK_BACKOFF_MS: '20',
    });
    const tenant = await api.createTenant('hooks');
    await api.prisma.community.create({ data: { id: HOSTED, kind: 'HOSTED', tenantId: tenant } });
    admin = await api.createKey(tenant, ['ADMIN']);
    reader = await api.createKey(tenant, ['COMMUNITY_READ', 'MESSAGES_READ']);
  });

  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('creates webhooks (the secret shown once), delivers, and lists dead letters page by page', async () => {
    const up = await api.gql<Created>(
      CREATE,
      { input: { url: receiver.url('/up'), events: ['MEMBER_JOINED'] } },
      admin,
    );
    const down = await api.gql<Created>(
      CREATE,
      { input: { url: receiver.url('/down'), communityId: HOSTED } },
      admin,
    );
    expect(down.body.data?.createWebhookSubscription.userErrors).toEqual([]);
    expect(up.body.data?.createWebhookSubscription).toMatchObject({
      webhookSubscription: { url: receiver.url('/up'), events: ['MEMBER_JOINED'] },
      secret: expect.stringMatching(/^whsec_/),
      userErrors: [],
    });
    const listed = await api.gql<{ webhookSubscriptions: Record<string, unknown>[] }>(
      '{ webhookSubscriptions { id url communityId } }',
      {},
      admin,
    );
    expect(listed.body.data?.webhookSubscriptions).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');

    // The workers run in the api process: appending events is all it takes.
    const stream = eventStream({ prefix: api.prefix });
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await appendEvent(api.redis, memberJoined(HOSTED, n), stream));
    await waitFor('three deliveries', () => receiver.at('/up').length === 3);
    const deadLetters = async (after?: string) =>
      (
        await api.gql<{
          webhookDeliveries: {
            edges: { cursor: string; node: Record<string, unknown> }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(DELIVERIES, { status: 'DEAD_LETTERED', first: 2, after }, admin)
      ).body.data?.webhookDeliveries;
    const deadline = Date.now() + 20_000;
    while (
      (await api.prisma.webhookDelivery.count({ where: { status: 'DEAD_LETTERED' } })) < 3 &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 50));

    const first = await deadLetters();
    const rest = await deadLetters(first?.pageInfo.endCursor);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    expect(rest?.pageInfo.hasNextPage).toBe(false);
    const nodes = [...(first?.edges ?? []), ...(rest?.edges ?? [])].map((edge) => edge.node);
    // Newest first.
    expect(nodes.map((node) => node['eventId'])).toEqual([...ids].reverse());
    expect(nodes[0]).toMatchObject({
      eventType: 'MEMBER_JOINED',
      status: 'DEAD_LETTERED',
      attempts: 2,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    });
    expect(JSON.parse(String(nodes[0]?.['payload']))).toEqual(memberJoined(HOSTED, 2));
    expect(receiver.at('/down')).toHaveLength(6);
  });

  it('reports a refused URL as a user error, pings on testWebhook, and keeps webhooks to admin keys', async () => {
    const refused = await api.gql<Created>(CREATE, { input: { url: 'ftp://example.com/hook' } }, admin);
    expect(refused.body.data?.createWebhookSubscription).toMatchObject({
      webhookSubscription: null,
      secret: null,
      userErrors: [{ code: 'INVALID_URL', field: ['input', 'url'] }],
    });
    const created = await api.gql<Created>(CREATE, { input: { url: receiver.url('/ping') } }, admin);
    const id = created.body.data?.createWebhookSubscription.webhookSubscription?.id;
    const ping = await api.gql<{ testWebhook: Record<string, unknown> }>(
      'mutation ($id: ID!) { testWebhook(input: { id: $id }) { delivered statusCode latencyMs error eventId userErrors { code } } }',
      { id },
      admin,
    );
    expect(ping.body.data?.testWebhook).toMatchObject({
      delivered: true,
      statusCode: 200,
      error: null,
      userErrors: [],
    });
    expect(receiver.at('/ping').map((request) => request.headers['x-webhook-event'])).toEqual([
      'webhook.ping',
    ]);

    const forbidden = await api.gql('{ webhookSubscriptions { id } }', {}, reader);
    expect(forbidden.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const deleted = await api.gql<{ deleteWebhookSubscription: { webhookSubscription: { id: string } } }>(
      'mutation ($id: ID!) { deleteWebhookSubscription(input: { id: $id }) { webhookSubscription { id } userErrors { code } } }',
      { id },
      admin,
    );
    expect(deleted.body.data?.deleteWebhookSubscription.webhookSubscription.id).toBe(id);
    expect(await api.prisma.webhookSubscription.count({ where: { id } })).toBe(0);
  });

  it('lets a key bound to one community create webhooks of that community only', async () => {
    const tenant = await api.createTenant('hooks-bound');
    const community = communityIdOf(32);
    await api.prisma.community.create({ data: { id: community, kind: 'HOSTED', tenantId: tenant } });
    const bound = await api.createKey(tenant, ['ADMIN'], { communityId: community });
    const create = async (input: Record<string, unknown>) =>
      (await api.gql<Created>(CREATE, { input: { url: receiver.url('/bound'), ...input } }, bound)).body.data
        ?.createWebhookSubscription;
    expect(await create({})).toMatchObject({
      webhookSubscription: null,
      userErrors: [{ code: 'FORBIDDEN', field: ['input', 'communityId'] }],
    });
    expect(await create({ communityId: community })).toMatchObject({ userErrors: [] });
    expect(await api.prisma.webhookSubscription.count({ where: { tenantId: tenant } })).toBe(1);
  });
});
