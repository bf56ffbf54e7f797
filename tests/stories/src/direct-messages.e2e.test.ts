// Issue #15 on processes: a Status-app-like peer (libs/testing DirectPeer, built from libs only) on its own
// devnet node talks 1:1 with a platform bot made through GraphQL. The peer's contact request reaches the bot by
// the gateway, the indexer (direct.received) and the publisher, and is listed by directMessages; the bot
// accepts it (acceptContactRequest), which carries its bundle: the peer then moves to the negotiated topic, as
// the app does, and writes again; the bot answers (sendDirectMessage), the peer decrypts the answer and
// acknowledges it, and the api shows the answer acknowledged. Then 50 messages each way: the peer's lose every
// tenth on the first send and arrive backwards with a restart of the publisher halfway, the lost ones come with
// the peer's MVDS re-send; the bot's are read backwards with every tenth lost until the bot re-sends it; every
// one is listed once and acknowledged.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { bigIntToUint64 } from '@status-communities/proto';
import { mvdsResendDelayMs } from '@status-communities/protocol';
import { bytesToBase64 } from '@status-communities/queue';
import type { DirectReceived, DirectSent, SentMessage, WireMessage } from '@status-communities/testing';
import { DirectPeer } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { storyProcesses } from './processes.js';

// Five processes and a devnet on a busy 2-core machine.
jest.setTimeout(300_000);

const platform = storyProcesses('direct');
const { services, keyring, gql, command, metrics } = platform;

interface DirectMessageNode {
  /** `0x…` Status message id. */
  readonly messageId: string;
  readonly direction: 'INBOUND' | 'OUTBOUND';
  readonly kind: string;
  readonly text: string | null;
  readonly acknowledgedAt: string | null;
}

beforeAll(async () => {
  await platform.startGateway();
  await platform.startService('indexer', 'indexer');
  await platform.startService('publisher', 'publisher', { ...keyring, PUBLISH_DEBOUNCE_MS: '0' });
  await platform.startApi();
});

describe('a Status user and a platform bot, 1:1', () => {
  // The peer: the app's sends and reads, on its own devnet node, listening from the start.
  const peer = new DirectPeer('Status user');
  const seen: WireMessage[] = [];
  const received: DirectReceived[] = [];
  const refused: string[] = [];
  let node: WakuNode;
  let readUpTo = 0;
  let botKey = '';
  let bot = new Uint8Array(0);

  beforeAll(() => {
    node = platform.devnet().nodes[1] as WakuNode;
    node.subscribe(({ pubsubTopic, message }) =>
      seen.push({ pubsubTopic, contentTopic: message.contentTopic, payload: bytesToBase64(message.payload) }),
    );
  });

  /**
   * Reads what arrived since the last call, each message once (the ratchet refuses a second reading), in the
   * order `arrange` puts them (the network's by default).
   */
  const readNew = (arrange: (fresh: WireMessage[]) => WireMessage[] = (fresh) => fresh) => {
    const fresh = seen.slice(readUpTo);
    readUpTo += fresh.length;
    const read = peer.read(arrange(fresh));
    received.push(...read.received);
    refused.push(...read.refused);
    return received;
  };
  const publish = (message: DirectSent | SentMessage) =>
    services.waitFor(
      `the peer's message out on ${message.contentTopic}`,
      async () =>
        (
          await node.publish(message.pubsubTopic, {
            payload: message.payload,
            contentTopic: message.contentTopic,
            version: 1,
            timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
          })
        ).status === 'published' || undefined,
    );
  /** Acknowledges every message received that carried MVDS ids, as the app does. */
  const ackAll = async (from: number) => {
    const ids = received.slice(from).flatMap((r) => r.toAck);
    if (ids.length > 0) await publish(peer.ack(bot, ids));
  };
  const conversation = async () =>
    (
      await gql<{ directMessages: { edges: { node: DirectMessageNode }[] } }>(
        `query ($bot: String!, $peer: String!) { directMessages(botKey: $bot, peerKey: $peer, first: 100) {
          edges { node { messageId direction kind text acknowledgedAt } } } }`,
        { bot: botKey, peer: peer.peerKey },
      )
    ).directMessages.edges.map((edge) => edge.node);
  const listed = <T>(description: string, found: (messages: DirectMessageNode[]) => T | undefined) =>
    services
      .waitFor(description, async () => found(await conversation()), { timeoutMs: 180_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}\nindexer: ${await metrics('indexer', 'indexer_direct')}\npublisher: ${await metrics('publisher', 'publisher_direct')}`,
        );
      });

  it('contact request, acceptance, a DM each way on the negotiated topic, acknowledged', async () => {
    // 1. A bot of the platform's tenant, through GraphQL; the peer advertises its bundle as the app does.
    await command('createBotIdentity', { displayName: 'Helper Bot', idempotencyKey: 'helper' });
    botKey = await services.waitFor('the bot identity', async () => {
      const { botIdentities } = await gql<{ botIdentities: { publicKey: string; displayName: string }[] }>(
        '{ botIdentities { publicKey displayName } }',
      );
      return botIdentities.find((identity) => identity.displayName === 'Helper Bot')?.publicKey;
    });
    bot = Buffer.from(botKey.slice(2), 'hex');
    await publish(peer.advertiseBundle());

    // 2. The peer's contact request: DH "none" on the bot's partitioned topic (no bundle of the bot known).
    const request = peer.contactRequest(bot, 'Hi bot, please add me');
    await publish(request);
    const inbound = await listed('the contact request listed', (messages) =>
      messages.find((m) => m.direction === 'INBOUND' && m.kind === 'CONTACT_REQUEST'),
    );
    expect(inbound).toMatchObject({ messageId: request.messageId, text: 'Hi bot, please add me' });

    // 3. The bot accepts: the answer (with its bundle) and the ack of the request reach the peer.
    await command('acceptContactRequest', { botKey, peerKey: peer.peerKey, idempotencyKey: 'accept' });
    await services.waitFor(
      'the acceptance and the ack of the request at the peer',
      async () => {
        const got = readNew();
        const accepted = got.some((r) => r.messages.some((m) => m.typeName === 'ACCEPT_CONTACT_REQUEST'));
        const acked = got.some((r) => r.acks.includes(request.mvdsId!));
        return (accepted && acked) || undefined;
      },
      { timeoutMs: 120_000 },
    );
    expect(peer.theyAddedUs(bot)).toBe(true);
    await ackAll(0);

    // 4. The peer writes again: on the negotiated topic now, as the app does after the bot's bundle.
    const hello = peer.send(bot, 'hello bot');
    expect(hello.contentTopic).not.toBe(request.contentTopic);
    expect(peer.contentTopics).toContain(hello.contentTopic);
    await publish(hello);
    await listed('the DM listed', (messages) => messages.find((m) => m.messageId === hello.messageId));

    // 5. The bot answers through GraphQL; the peer decrypts the answer and acknowledges it.
    await command('sendDirectMessage', {
      botKey,
      peerKey: peer.peerKey,
      text: 'hello human',
      replyTo: hello.messageId,
      idempotencyKey: 'answer',
    });
    const before = received.length;
    const answer = await services.waitFor(
      'the answer at the peer',
      async () => readNew().find((r) => r.chats.some((chat) => chat.text === 'hello human')),
      { timeoutMs: 120_000 },
    );
    expect(answer.from).toBe(botKey);
    expect(answer.chats.find((chat) => chat.text === 'hello human')?.responseTo).toBe(hello.messageId);
    await ackAll(before);
    const acknowledged = await listed('the answer acknowledged', (messages) =>
      messages.find((m) => m.direction === 'OUTBOUND' && m.text === 'hello human' && m.acknowledgedAt),
    );
    expect(acknowledged.kind).toBe('TEXT');
    // The peer's DM was acknowledged by the bot too, and everything the bot sent opened.
    await services.waitFor(
      'the ack of the DM at the peer',
      async () => readNew().some((r) => r.acks.includes(hello.mvdsId!)) || undefined,
    );
    expect(refused).toEqual([]);
  });

  it('50 messages each way, re-ordered and dropped, across a restart of the publisher', async () => {
    const COUNT = 50;
    // 1. The peer's 50: every tenth is lost on its first send (never published), the rest arrive backwards,
    // and the publisher restarts halfway (sessions are in PostgreSQL).
    const mine = Array.from({ length: COUNT }, (_, index) => peer.send(bot, `question ${index}`));
    const lost = mine.filter((_, index) => index % 10 === 9);
    const backwards = mine.filter((message) => !lost.includes(message)).reverse();
    const half = Math.floor(backwards.length / 2);
    for (const message of backwards.slice(0, half)) await publish(message);
    await platform.restartService('publisher', 'publisher', { ...keyring, PUBLISH_DEBOUNCE_MS: '0' });
    for (const message of backwards.slice(half)) await publish(message);
    const ids = new Set(mine.map((message) => message.messageId));
    const inbound = (messages: DirectMessageNode[]) =>
      messages.filter((m) => m.direction === 'INBOUND' && ids.has(m.messageId));
    const ackedByBot = (messages: readonly DirectSent[]) =>
      services.waitFor(
        `the acks of ${messages.length} of the peer's messages`,
        async () => {
          const acks = new Set(readNew().flatMap((r) => r.acks));
          return messages.every((message) => acks.has(message.mvdsId!)) || undefined;
        },
        { timeoutMs: 120_000 },
      );
    await listed(
      `the peer's ${backwards.length} delivered messages listed`,
      (messages) => inbound(messages).length === backwards.length || undefined,
    );
    // Each delivered one acknowledged by the bot, before and after its restart; the lost ones are not.
    await ackedByBot(backwards);
    expect(peer.unacknowledgedIds).toEqual(lost.map((message) => message.messageId));

    // The peer's MVDS node sends the unacknowledged ones again (same MVDS id, a later ratchet step). The story
    // moves the peer's clock past the app's first re-send delay (27 s + up to 9 s of jitter) instead of waiting.
    const copies = peer.resendDue(Date.now() + mvdsResendDelayMs(1, 29)!);
    expect(copies.map((copy) => copy.mvdsId)).toEqual(lost.map((message) => message.mvdsId));
    for (const copy of copies) await publish(copy);
    const all = await listed(`the peer's ${COUNT} messages listed`, (messages) =>
      inbound(messages).length === COUNT ? inbound(messages) : undefined,
    );
    expect(new Set(all.map((m) => m.messageId)).size).toBe(COUNT);
    await ackedByBot(mine);
    expect(peer.unacknowledgedIds).toEqual([]);

    // 2. The bot's 50 answers: the peer reads them backwards and loses every tenth; the bot re-sends what is
    // not acknowledged (MVDS), and the copies open on later ratchet steps.
    for (let index = 0; index < COUNT; index++)
      await command('sendDirectMessage', {
        botKey,
        peerKey: peer.peerKey,
        text: `answer ${index}`,
        idempotencyKey: `answer-${index}`,
      });
    const texts = () =>
      new Set(
        received.flatMap((r) => r.chats.map((chat) => chat.text)).filter((t) => t.startsWith('answer ')),
      );
    const first = received.length;
    const fromBot = () =>
      seen.slice(readUpTo).filter((m) => peer.contentTopics.includes(m.contentTopic) && !peer.sentByUs(m))
        .length;
    await services.waitFor(
      'the first copies of the answers at the peer',
      async () => fromBot() >= COUNT || undefined,
      { timeoutMs: 120_000 },
    );
    readNew((fresh) => fresh.reverse().filter((_, index) => index % 10 !== 9));
    await ackAll(first);
    let acked = received.length;
    await services.waitFor(
      'every answer at the peer',
      async () => {
        readNew();
        await ackAll(acked);
        acked = received.length;
        return texts().size === COUNT || undefined;
      },
      { timeoutMs: 240_000 },
    );
    await listed(
      `the ${COUNT} answers acknowledged`,
      (messages) =>
        messages.filter(
          (m) => m.direction === 'OUTBOUND' && m.text?.startsWith('answer ') && m.acknowledgedAt,
        ).length === COUNT || undefined,
    );
    // A dropped ratchet message is skipped over, not a failure: nothing the bot sent was refused.
    expect(refused).toEqual([]);
  });
});
