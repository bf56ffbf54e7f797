// Issue #13's story on processes: every service from its build on a Waku devnet, an encrypted community
// with an encrypted channel created through GraphQL, a bot of the platform and two Status members built from
// libs only (libs/testing StatusMember) on their own devnet node. The members join and get the keys in the
// accepted answer and key exchanges, open the description's private parts and the bot's post, and post under
// the channel's hash ratchet; the indexer stores that post. A ban rekeys: the banned member is told it was
// kicked and opens neither the next description's private parts nor the next post, the other member does.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { bigIntToUint64 } from '@status-communities/proto';
import { channelGroupId } from '@status-communities/protocol';
import { base64ToBytes, bytesToBase64 } from '@status-communities/queue';
import type { SentMessage, WireMessage } from '@status-communities/testing';
import { StatusMember } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { storyProcesses } from './processes.js';

// Five processes and a devnet on a busy 2-core machine.
jest.setTimeout(300_000);

const platform = storyProcesses('encrypted');
const { services, keyring, gql, command } = platform;
const groupKeys = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

/** The indexer's decisions so far (its /metrics), to tell why a message was not stored. */
const indexerDecisions = (): Promise<string> =>
  platform.metrics('indexer', /^indexer_(accepted|rejected|ignored|held)_total/);

/** The indexer's count of messages rejected for `reason`. */
const indexerRejected = async (reason: string): Promise<number> => {
  const line = (await indexerDecisions())
    .split('\n')
    .find((entry) => entry.startsWith(`indexer_rejected_total{reason="${reason}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

beforeAll(async () => {
  await platform.startGateway();
  await platform.startService('indexer', 'indexer', groupKeys);
  await platform.startService('publisher', 'publisher', {
    ...keyring,
    ...groupKeys,
    PUBLISH_DEBOUNCE_MS: '0',
  });
  await platform.startService('request-handler', 'request-handler', { ...keyring, ...groupKeys });
  await platform.startApi();
});

describe('an encrypted community on processes', () => {
  it('hands members the keys, lets them read and post, and shuts a banned member out with a rekey', async () => {
    const memberNode = platform.devnet().nodes[1] as WakuNode;
    const seen: WireMessage[] = [];
    memberNode.subscribe(({ pubsubTopic, message }) =>
      seen.push({ pubsubTopic, contentTopic: message.contentTopic, payload: bytesToBase64(message.payload) }),
    );
    // Relay does not hand a node its own messages: what the members send is added to what they have seen.
    const send = async (
      message: Pick<SentMessage, 'pubsubTopic' | 'contentTopic'> & { payload: Uint8Array },
    ) => {
      await services.waitFor(
        `a member's message out on ${message.pubsubTopic}`,
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
      seen.push({
        pubsubTopic: message.pubsubTopic,
        contentTopic: message.contentTopic,
        payload: bytesToBase64(message.payload),
      });
    };

    // 1. The community and its channel, both encrypted, through GraphQL.
    await command('createCommunity', {
      identity: { name: 'Members only', description: 'Encrypted', color: '#4360df' },
      access: 'AUTO_ACCEPT',
      encrypted: true,
      idempotencyKey: 'encrypted',
    });
    interface Hosted {
      communityId: string;
      encrypted: boolean;
      lastPublishedAt: string | null;
    }
    const community = await services.waitFor(
      'the community published',
      async () =>
        (
          await gql<{ communities: { edges: { node: Hosted }[] } }>(
            '{ communities(filter: { kind: HOSTED }) { edges { node { communityId encrypted lastPublishedAt } } } }',
          )
        ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node,
      { timeoutMs: 60_000 },
    );
    expect(community.encrypted).toBe(true);
    const communityId = community.communityId;
    const { createChannel } = await gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
      `mutation ($id: String!) { createChannel(input: { communityId: $id, name: "vault", color: "#4360df",
        encrypted: true }) { channelId userErrors { code message } } }`,
      { id: communityId },
    );
    expect(createChannel.userErrors).toEqual([]);
    const channelId = createChannel.channelId;

    // Before joining, a member sees the description's public parts only.
    const alice = new StatusMember('alice');
    const outside = await services.waitFor(
      'the encrypted description at the member',
      async () => alice.readDescription(communityId, seen),
      { timeoutMs: 90_000 },
    );
    expect(outside.description.isEncrypted).toBe(true);
    expect(outside.description.members.size).toBe(0);
    expect(outside.undecrypted.map((part) => part.error.code)).toContain(
      ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
    );

    // 2. The platform's bot joins (its request goes over Waku to the request handler like any member's).
    await command('createBotIdentity', { displayName: 'Vault Bot', idempotencyKey: 'vault-bot' });
    const bot = await services.waitFor('the bot identity', async () => {
      const { botIdentities } = await gql<{ botIdentities: { publicKey: string; walletAddress: string }[] }>(
        '{ botIdentities { publicKey walletAddress } }',
      );
      return botIdentities[0];
    });
    await command('botRequestToJoin', {
      botKey: bot.publicKey,
      communityId,
      revealedAddresses: [bot.walletAddress],
      idempotencyKey: 'bot-joins',
    });

    // 3. Alice joins: the accepted answer carries the community's keys, key exchanges the channel's.
    const join = async (member: StatusMember) => {
      const request = member.requestToJoin(communityId);
      await send({ ...request, payload: base64ToBytes(request.payload) });
      const direct = await services.waitFor(
        `${member.displayName} accepted, with keys`,
        async () => {
          const read = member.readDirect(communityId, seen);
          return read.responses.some((response) => response.accepted) &&
            member.groupKeys.current(channelGroupId(communityId, channelId))
            ? read
            : undefined;
        },
        { timeoutMs: 90_000 },
      );
      expect(direct.refused).toEqual([]);
    };
    await join(alice);
    const inside = await services.waitFor(
      'a description alice opens whole, listing her and the bot',
      async () => {
        const read = alice.readDescription(communityId, seen);
        return read &&
          read.undecrypted.length === 0 &&
          read.description.members.has(alice.memberKey) &&
          read.description.members.has(bot.publicKey)
          ? read
          : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(inside.refused).toEqual([]);
    const vault = inside.description.channels.get(channelId);
    expect(vault?.encrypted).toBe(true);
    expect([...(vault?.members.keys() ?? [])]).toEqual(
      expect.arrayContaining([alice.memberKey, bot.publicKey]),
    );

    // 4. The bot posts: alice opens it under the channel's key.
    const botSays = async (text: string, key: string) => {
      await command('sendMessage', {
        bot: { botKey: bot.publicKey, communityId, channelId },
        text,
        idempotencyKey: key,
      });
    };
    await botSays('welcome to the vault', 'bot-1');
    const fromBot = await services.waitFor(
      "the bot's post at alice",
      async () =>
        alice
          .readChannelMessages(communityId, seen)
          .find((read) => read.ok && read.text === 'welcome to the vault'),
      { timeoutMs: 90_000 },
    );
    expect(fromBot).toMatchObject({ ok: true, encrypted: true, authorKey: bot.publicKey });

    // 5. Alice posts under the channel's key; the indexer decrypts and stores it.
    const post = alice.post(communityId, channelId, 'gm, encrypted');
    await send(post);
    interface Messages {
      messages: { edges: { node: { messageId: string; authorKey: string; text: string } }[] };
    }
    const stored = await services
      .waitFor(
        "alice's post stored by the indexer",
        async () =>
          (
            await gql<Messages>(
              'query ($channel: String!) { messages(channelId: $channel) { edges { node { messageId authorKey text } } } }',
              { channel: communityId + channelId },
            )
          ).messages.edges.find((edge) => edge.node.messageId === post.messageId)?.node,
        { timeoutMs: 90_000 },
      )
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nindexer: ${await indexerDecisions()}`);
      });
    expect(stored).toEqual({ messageId: post.messageId, authorKey: alice.memberKey, text: 'gm, encrypted' });
    // Only key holders read it: on the wire it is a hash-ratchet message.
    expect(
      new StatusMember('outsider')
        .readChannelMessages(communityId, seen)
        .some((read) => read.ok && read.text === 'gm, encrypted'),
    ).toBe(false);

    // 6. Bob joins, then alice is banned: a rekey for everyone left.
    const bob = new StatusMember('bob');
    await join(bob);
    await command('banMember', {
      communityId,
      memberKey: alice.memberKey,
      deleteAllMessages: false,
      idempotencyKey: 'ban-alice',
    });
    const afterBan = await services.waitFor(
      'a description bob opens whole, without alice',
      async () => {
        bob.readDirect(communityId, seen);
        const read = bob.readDescription(communityId, seen);
        return read &&
          read.undecrypted.length === 0 &&
          read.description.members.has(bob.memberKey) &&
          !read.description.members.has(alice.memberKey)
          ? read
          : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(afterBan.refused).toEqual([]);
    const told = await services.waitFor(
      'the kick at alice',
      async () => {
        const read = alice.readDirect(communityId, seen);
        return read.kicked ? read : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(told.refused).toEqual([]);
    const shutOut = alice.readDescription(communityId, seen);
    expect(shutOut?.description.members.size).toBe(0);
    expect(shutOut?.undecrypted.map((part) => part.error.code)).toEqual([
      ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
      ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
    ]);

    // 7. The next post is under the new channel key: bob reads it, alice cannot.
    const unreadableBefore = alice.readChannelMessages(communityId, seen).filter((read) => !read.ok).length;
    await botSays('after the ban', 'bot-2');
    await services.waitFor(
      'the post after the ban at bob',
      async () =>
        bob.readChannelMessages(communityId, seen).find((read) => read.ok && read.text === 'after the ban'),
      { timeoutMs: 90_000 },
    );
    const atAlice = alice.readChannelMessages(communityId, seen);
    expect(atAlice.some((read) => read.ok && read.text === 'after the ban')).toBe(false);
    expect(atAlice.filter((read) => !read.ok)).toHaveLength(unreadableBefore + 1);
    expect(atAlice.filter((read) => !read.ok).at(-1)).toEqual({
      ok: false,
      code: ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
    });

    // 8. Alice still holds the old channel key and posts under it: the indexer opens it, refuses it (banned)
    // and counts it, and stores nothing.
    const late = alice.post(communityId, channelId, 'still here?');
    await send(late);
    await services.waitFor("the banned member's post refused", async () =>
      (await indexerRejected('banned')) >= 1 ? true : undefined,
    );
    const channelMessages = await gql<Messages>(
      'query ($channel: String!) { messages(channelId: $channel) { edges { node { messageId authorKey text } } } }',
      { channel: communityId + channelId },
    );
    expect(channelMessages.messages.edges.map((edge) => edge.node.text)).not.toContain('still here?');
    expect(channelMessages.messages.edges.map((edge) => edge.node.text)).toContain('gm, encrypted');

    // Bob still reads what came before the rekey (old keys are kept).
    expect(
      bob
        .readChannelMessages(communityId, seen)
        .filter((read) => read.ok)
        .map((read) => read.ok && read.text),
    ).toEqual(expect.arrayContaining(['welcome to the vault', 'gm, encrypted', 'after the ban']));
  });
});
