// Issue #13's second case on processes: two platform instances on one Waku devnet, each its own services,
// database and Redis prefix. A hosts an encrypted community (AUTO_ACCEPT, a BECOME_MEMBER permission without
// criteria); B watches it and B's bot asks to join through B's GraphQL. A accepts; B's indexer hands the
// answer and A's next description to B's publisher, which takes the keys in with the bot's key; B then reads
// the description whole (its GraphQL lists the members and the channel), indexes a post of A's bot, and B's
// bot posts under the community key, which A's indexer opens and A's GraphQL serves.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { GraphQLResponse } from '@status-communities/api/testing';
import { REDIS_URL, newApiKeySecret } from '@status-communities/api/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { ServiceProcesses, freePort, startDevnet } from '@status-communities/testing';

// Nine processes and a devnet on a busy 2-core machine.
jest.setTimeout(420_000);

/** One platform: its database, prefix, keys, services and GraphQL. */
class Instance {
  readonly prefix: string;
  readonly adminKey = newApiKeySecret().secret;
  readonly keyring: Record<string, string>;
  readonly groupKeys = {
    GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'),
    GROUP_KEYS_MASTER_KEY_ID: 'g1',
  };
  readonly services = new ServiceProcesses(() => ({
    DATABASE_URL: this.db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: this.prefix,
  }));
  readonly children = new Map<string, ChildProcess>();
  readonly healthPorts = new Map<string, number>();
  db!: TestDatabase;
  apiUrl = '';

  constructor(readonly name: string) {
    this.prefix = `foreign-${name}-${randomBytes(4).toString('hex')}`;
    this.keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: name };
  }

  /** The gateway's Waku address, from the line it logs once started. */
  gatewayAddress(): string {
    for (const line of this.services.output.split('\n')) {
      if (!line.includes(`"service":"waku-gateway-${this.name}"`) || !line.includes('"multiaddrs"')) continue;
      const { multiaddrs } = JSON.parse(line) as { multiaddrs?: string[] };
      const address = multiaddrs?.find((multiaddr) => !multiaddr.includes('/ws'));
      if (address) return address;
    }
    throw new Error(`no address logged by the gateway of ${this.name}`);
  }

  /** `storePeer`: a gateway to back-fill watched communities from (as BACKFILL_STORE_PEERS names one in production). */
  async start(devnet: Devnet, withRequestHandler: boolean, storePeer?: string): Promise<void> {
    this.db = await createTestDatabase();
    await this.service('waku-gateway', {
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      // Its `started` line (info) names its address.
      LOG_LEVEL: 'info',
      ...(storePeer === undefined ? {} : { BACKFILL_STORE_PEERS: storePeer }),
    });
    await this.service('indexer', this.groupKeys);
    await this.service('publisher', { ...this.keyring, ...this.groupKeys, PUBLISH_DEBOUNCE_MS: '0' });
    if (withRequestHandler) await this.service('request-handler', { ...this.keyring, ...this.groupKeys });
    const port = await freePort();
    await this.service('api', {
      ...this.keyring,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ADMIN_BOOTSTRAP_TOKEN: this.adminKey,
    });
    this.apiUrl = `http://127.0.0.1:${port}/graphql`;
  }

  private async service(app: string, env: Record<string, string>): Promise<void> {
    const healthPort = await freePort();
    this.healthPorts.set(app, healthPort);
    this.children.set(
      app,
      this.services.start(app, {
        ...env,
        HEALTH_PORT: String(healthPort),
        SERVICE_NAME: `${app}-${this.name}`,
      }),
    );
    await this.services.ready(`${app} of ${this.name}`, healthPort);
  }

  async gql<D>(query: string, variables: Record<string, unknown> = {}): Promise<D> {
    const response = await fetch(this.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<D>['body'];
    if (body.errors || !body.data)
      throw new Error(`GraphQL errors at ${this.name}: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** A mutation answering CommandPayload, which must name no user error. */
  async command(mutation: string, input: Record<string, unknown>): Promise<void> {
    const data = await this.gql<Record<string, { userErrors: unknown[] }>>(
      `mutation ($input: ${mutation[0]?.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) {
        userErrors { code message } } }`,
      { input },
    );
    expect(data[mutation]?.userErrors).toEqual([]);
  }

  /** A new bot identity with its wallet, through GraphQL. */
  async bot(displayName: string): Promise<{ publicKey: string; walletAddress: string }> {
    await this.command('createBotIdentity', { displayName, idempotencyKey: displayName });
    return this.services.waitFor(`${displayName} at ${this.name}`, async () => {
      const { botIdentities } = await this.gql<{
        botIdentities: { publicKey: string; walletAddress: string; displayName: string }[];
      }>('{ botIdentities { publicKey walletAddress displayName } }');
      return botIdentities.find((identity) => identity.displayName === displayName);
    });
  }

  /** The service's metric lines starting with `prefix`, to tell what happened when a wait fails. */
  async metrics(app: string, prefix: string): Promise<string> {
    return (await (await fetch(`http://127.0.0.1:${this.healthPorts.get(app)}/metrics`)).text())
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .join('\n');
  }

  async stop(): Promise<{ name: string; code: number | null }[]> {
    const exits: { name: string; code: number | null }[] = [];
    for (const [name, child] of [...this.children].reverse())
      exits.push({ name: `${name}-${this.name}`, code: await this.services.stop(child) });
    await this.services.kill();
    const redis = createRedisConnection(REDIS_URL);
    await deleteKeyspace(redis, this.prefix);
    await closeRedis(redis);
    await this.db?.drop();
    return exits;
  }
}

interface Messages {
  messages: { edges: { node: { authorKey: string; text: string } }[] };
}
const MESSAGES =
  'query ($channel: String!) { messages(channelId: $channel) { edges { node { authorKey text } } } }';

const a = new Instance('a');
const b = new Instance('b');
let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({ nodes: 2 });
  await a.start(devnet, true);
  // B learns of A's community from A's Store when it starts watching it: A published it before.
  await b.start(devnet, false, a.gatewayAddress());
});

afterAll(async () => {
  const exits = [...(await b.stop()), ...(await a.stop())];
  await devnet?.stop();
  expect(exits.filter(({ code }) => code !== 0)).toEqual([]);
});

describe('a bot of one platform in an encrypted community hosted by another', () => {
  it('joins, takes the keys in, reads the members, channels and posts, and posts itself', async () => {
    // 1. A hosts an encrypted community with an open channel: its messages go under the community key.
    await a.command('createCommunity', {
      identity: { name: 'Elsewhere', description: 'Encrypted, run by A', color: '#4360df' },
      access: 'AUTO_ACCEPT',
      encrypted: true,
      idempotencyKey: 'elsewhere',
    });
    const communityId = await a.services.waitFor(
      'the community published by A',
      async () =>
        (
          await a.gql<{
            communities: { edges: { node: { communityId: string; lastPublishedAt: string | null } }[] };
          }>('{ communities(filter: { kind: HOSTED }) { edges { node { communityId lastPublishedAt } } } }')
        ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node.communityId,
      { timeoutMs: 60_000 },
    );
    const { createChannel } = await a.gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
      `mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) {
        channelId userErrors { code message } } }`,
      { id: communityId },
    );
    expect(createChannel.userErrors).toEqual([]);
    const channelId = createChannel.channelId;
    const chatId = communityId + channelId;

    // 2. B watches it: the description's public parts only.
    await b.command('watchCommunity', { community: { id: communityId }, idempotencyKey: 'watch' });
    const seen = await b.services.waitFor(
      'the community at B',
      async () => {
        const { community } = await b.gql<{
          community: { identity: { name: string }; encrypted: boolean } | null;
        }>('query ($id: String!) { community(ref: { id: $id }) { identity { name } encrypted } }', {
          id: communityId,
        });
        return community?.identity.name ? community : undefined;
      },
      { timeoutMs: 120_000 },
    );
    expect(seen).toEqual({ identity: { name: 'Elsewhere' }, encrypted: true });

    // 3. B's bot asks to join through B's GraphQL; A accepts; B's publisher takes the keys in with the bot's
    // key (from the accepted answer or A's next description) and B reads that description whole.
    const visitor = await b.bot('Visitor Bot');
    await b.command('botRequestToJoin', {
      botKey: visitor.publicKey,
      communityId,
      revealedAddresses: [visitor.walletAddress],
      idempotencyKey: 'visitor-joins',
    });
    interface Inside {
      community: {
        members: { edges: { node: { memberKey: string } }[] };
        channels: { uuid: string; name: string }[];
      };
    }
    const keysAtB = () => b.metrics('publisher', 'publisher_member_keys');
    const membersAtB = (...keys: string[]) =>
      b.services
        .waitFor(
          `B listing ${keys.length} bot(s) as members`,
          async () => {
            const { community } = await b.gql<Inside>(
              `query ($id: String!) { community(ref: { id: $id }) {
                members(first: 50) { edges { node { memberKey } } } channels { uuid name } } }`,
              { id: communityId },
            );
            const members = community.members.edges.map((edge) => edge.node.memberKey);
            return keys.every((key) => members.includes(key)) ? community : undefined;
          },
          { timeoutMs: 180_000 },
        )
        .catch(async (error: unknown) => {
          throw new Error(
            `${String(error)}\nB publisher: ${await keysAtB()}\nB indexer: ${await b.metrics('indexer', 'indexer_')}`,
          );
        });
    const inside = await membersAtB(visitor.publicKey);
    expect(inside.channels).toEqual([{ uuid: channelId, name: 'general' }]);
    expect(await keysAtB()).toMatch(/_stored_total\{[^}]*\} [1-9]/);
    expect(await keysAtB()).not.toMatch(
      /refused_total\{reason="(wrong-signer|forged-rekey|garbage-private-data)"/,
    );

    // 4. A's bot joins: B reads A's next description too.
    const host = await a.bot('Host Bot');
    await a.command('botRequestToJoin', {
      botKey: host.publicKey,
      communityId,
      revealedAddresses: [host.walletAddress],
      idempotencyKey: 'host-joins',
    });
    await membersAtB(visitor.publicKey, host.publicKey);

    /** `from`'s bot posts `text`; `to`'s GraphQL serves it (its indexer opened it under the community key). */
    const posted = async (from: Instance, botKey: string, to: Instance, text: string) => {
      await from.command('sendMessage', {
        bot: { botKey, communityId, channelId },
        text,
        idempotencyKey: text,
      });
      const served = await to.services
        .waitFor(
          `"${text}" served by ${to.name}`,
          async () =>
            (await to.gql<Messages>(MESSAGES, { channel: chatId })).messages.edges.find(
              (edge) => edge.node.text === text,
            )?.node,
          { timeoutMs: 120_000 },
        )
        .catch(async (error: unknown) => {
          throw new Error(
            `${String(error)}\n${from.name} publisher: ${await from.metrics('publisher', 'publisher_bot')}\n${to.name} indexer: ${await to.metrics('indexer', 'indexer_')}`,
          );
        });
      expect(served.authorKey).toBe(botKey);
    };

    // 5. A's bot posts: B's indexer opens the post with the keys B's bot took in.
    await posted(a, host.publicKey, b, 'hello from A');

    // 6. B's bot posts under the community key: A's indexer opens it and A's GraphQL serves it.
    await posted(b, visitor.publicKey, a, 'hello from B');
  });
});
