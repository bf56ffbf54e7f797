// Our bot as a member of an encrypted community run by another control node (issue #13): the messages the
// indexer forwards (a description with a rekey entry for the bot, a 1:1 key exchange on its partitioned topic)
// are opened with the bot's key and their keys stored; forgeries, replays and garbage are refused by reason,
// counted, and change nothing stored. The foreign control node is built from libs only (TestCommunity).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  generateHashRatchetKey,
  hexToBytesOrThrow,
  keyIdOf,
  symKeyFor,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, SecretKey, createMasterKeyRing } from '@status-communities/keyring';
import {
  channelGroupId,
  decodeApplicationMessage,
  decodeStatusMessage,
  decryptHashRatchetLayer,
  indexHashRatchetKeys,
  memberUpdateChatId,
  requestToJoinId,
} from '@status-communities/protocol';
import type { InboundWakuMessage } from '@status-communities/queue';
import { QueueName, base64ToBytes, closeQueueResources, createQueue } from '@status-communities/queue';
import type { InboundMessage, TestKey } from '@status-communities/testing';
import { TestCommunity, newKey } from '@status-communities/testing';
import type { Publisher } from './service.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

describe('publisher: a bot takes in the keys of an encrypted community run elsewhere', () => {
  let h: Harness;
  let publisher: Publisher;
  let groupKeys: GroupKeyStore;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const asMember: TestKey = { memberKey: botKey, privateKey: new Uint8Array(32) };
  const outsider = newKey('outsider');
  const foreign = new TestCommunity(newKey('owner'));
  foreign.encrypt();
  const general = foreign.addChannel('general');
  foreign.addMember(asMember);
  const communityGroup = hexToBytesOrThrow(foreign.communityId);
  const start = BigInt(Date.now());
  const k1 = generateHashRatchetKey(communityGroup, start);
  const k2 = generateHashRatchetKey(communityGroup, start + 1_000n, k1.timestampMs);

  const intake = (message: InboundMessage, communityId?: string) =>
    h.botCommand({
      type: 'member.keys',
      correlationId: randomUUID(),
      actor: 'indexer',
      botKey,
      ...(communityId && { communityId }),
      message: message as InboundWakuMessage,
    });
  const heldKeyIds = async (): Promise<string[]> =>
    unwrap(await groupKeys.ofCommunity(foreign.communityId)).map((stored) => bytesToHex(stored.keyId));
  const idOf = (key: HashRatchetKey) => bytesToHex(keyIdOf(key));
  const metrics = async () => (await fetch(`${publisher.healthUrl}/metrics`)).text();

  /** The job failed once, with the code, and the refusal was counted under its reason; nothing stored moved. */
  const refused = async (
    message: InboundMessage,
    communityId: string | undefined,
    reason: string,
    code: string,
  ) => {
    const before = await heldKeyIds();
    const job = await intake(message, communityId);
    expect(job.failedReason).toBeDefined();
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain(code);
    expect(await heldKeyIds()).toEqual(before);
    expect(await metrics()).toMatch(
      new RegExp(`publisher_member_keys_refused_total\\{reason="${reason}",service="publisher"\\} [1-9]`),
    );
  };

  beforeAll(async () => {
    h = await createHarness('member-keys');
    publisher = await h.start(GROUP_KEYS);
    groupKeys = new GroupKeyStore(
      h.prisma,
      unwrap(
        createMasterKeyRing({
          id: 'g1',
          key: SecretBytes.of(Buffer.from(GROUP_KEYS.GROUP_KEYS_MASTER_KEY, 'hex')),
        }),
      ),
    );
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
    // The community is watched and the bot asked to join it (bot-handler writes both rows in real life).
    await h.prisma.community.create({ data: { id: foreign.communityId, kind: 'WATCHED' } });
    await h.prisma.requestToJoin.create({
      data: {
        id: '0x' + bytesToHex(requestToJoinId(botKey, foreign.communityId)),
        communityId: foreign.communityId,
        requesterKey: botKey,
        clock: 1n,
      },
    });
  });
  afterAll(() => h.close());

  it('stores the community key its description seals to the bot; a description re-sealing it stores nothing', async () => {
    const description = foreign.encryptedDescription(k1).inbound;
    const job = await intake(description, foreign.communityId);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toEqual({ communityId: foreign.communityId, stored: 1, unchanged: false });
    expect(await heldKeyIds()).toEqual([idOf(k1)]);
    // The indexer is told to judge the description again with the key (it may have judged it without).
    const watch = createQueue(QueueName.COMMUNITY_WATCH, h.redis, { prefix: h.prefix });
    const told = await watch.getJob(`keys-arrived.${description.hash}`);
    await closeQueueResources({ queues: [watch] });
    expect(told?.data).toMatchObject({
      type: 'community.keys-arrived',
      communityId: foreign.communityId,
      message: description,
    });

    const again = await intake(foreign.encryptedDescription(k1).inbound, foreign.communityId);
    expect(again.returnvalue).toEqual({ communityId: foreign.communityId, stored: 0, unchanged: true });
    expect(await metrics()).toMatch(
      /publisher_member_keys_stored_total\{source="description",service="publisher"\} 1\b/,
    );
  });

  it('refuses a forged rekey entry (sealed by another key under the control node signature)', async () => {
    await refused(
      foreign.encryptedDescription(k2, { rekeySealer: outsider.privateKey }).inbound,
      foreign.communityId,
      'forged-rekey',
      'DECRYPTION_FAILED',
    );
  });

  it('refuses keys signed by someone other than the control node, in a description or a key exchange', async () => {
    await refused(
      foreign.encryptedDescription(k2, { signer: outsider.privateKey, rekeySealer: outsider.privateKey })
        .inbound,
      foreign.communityId,
      'wrong-signer',
      'WRONG_SIGNER',
    );
    await refused(
      foreign.keyExchange(asMember, communityGroup, [k2], outsider.privateKey),
      undefined,
      'wrong-signer',
      'WRONG_SIGNER',
    );
  });

  it('refuses a description whose private parts are garbage under the key it seals', async () => {
    const garbage = foreign.encryptedDescription(k2, {
      privateData: (entries) =>
        Object.fromEntries(
          Object.entries(entries).map(([entry, bytes]) => [entry, randomBytes(bytes.length)]),
        ),
    }).inbound;
    await refused(garbage, foreign.communityId, 'garbage-private-data', 'DECRYPTION_FAILED');
  });

  it('stores a channel key from a 1:1 key exchange once; the same exchange again is a replay', async () => {
    const channelGroup = channelGroupId(foreign.communityId, general);
    const channelKey = generateHashRatchetKey(channelGroup, start);
    const exchange = foreign.keyExchange(asMember, channelGroup, [channelKey]);
    const job = await intake(exchange);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ communityId: foreign.communityId, stored: 1 });
    expect(await heldKeyIds()).toContain(idOf(channelKey));
    await refused(exchange, undefined, 'replayed', 'REPLAYED_MESSAGE');
  });

  it('keeps an older key it is sent, but the current key stays the newest', async () => {
    await intake(foreign.encryptedDescription(k2).inbound, foreign.communityId);
    const k0 = generateHashRatchetKey(communityGroup, start - 10_000n);
    const job = await intake(foreign.keyExchange(asMember, communityGroup, [k0]));
    expect(job.returnvalue).toMatchObject({ stored: 1 });
    const current = unwrap(await groupKeys.current(foreign.communityId, communityGroup));
    expect(current && bytesToHex(current.keyId)).toBe(idOf(k2));
  });

  it('refuses keys of a community the bot never asked to join', async () => {
    const elsewhere = new TestCommunity(newKey('other owner'));
    elsewhere.encrypt();
    elsewhere.addMember(asMember);
    const key = generateHashRatchetKey(hexToBytesOrThrow(elsewhere.communityId), start);
    await h.prisma.community.create({ data: { id: elsewhere.communityId, kind: 'WATCHED' } });
    await refused(
      elsewhere.encryptedDescription(key).inbound,
      elsewhere.communityId,
      'not-joined',
      'FORBIDDEN',
    );
    expect(unwrap(await groupKeys.ofCommunity(elsewhere.communityId))).toEqual([]);
  });

  it('posts in the foreign community under the current key it took in, readable by its members', async () => {
    // The description the indexer would have stored: the signed AMM of the last one.
    const sent = foreign.encryptedDescription(k2).inbound;
    const decoded = unwrap(
      decodeStatusMessage(base64ToBytes(sent.payload), { symKey: symKeyFor(foreign.communityId) }),
    );
    if (decoded.kind !== 'message') throw new Error(decoded.kind);
    await h.prisma.community.update({
      where: { id: foreign.communityId },
      data: {
        descriptionRaw: new Uint8Array(decoded.applicationMessage),
        clock: BigInt(foreign.clock),
        encrypted: true,
      },
    });
    const job = await h.botCommand({
      type: 'message.send',
      correlationId: randomUUID(),
      actor: 'test',
      botKey,
      communityId: foreign.communityId,
      channelId: general,
      text: 'hello from another platform',
    });
    expect(job.failedReason).toBeUndefined();
    const [message] = await h.waitForOutbound(2);
    const universal = memberUpdateChatId(foreign.communityId);
    const opened = unwrap(
      decodeStatusMessage(base64ToBytes(message!.payload), { symKey: symKeyFor(universal) }),
    );
    if (opened.kind !== 'encrypted' || opened.encryption.kind !== 'hash-ratchet')
      throw new Error(opened.kind);
    expect(bytesToHex(opened.encryption.keyId)).toBe(idOf(k2));
    const plaintext = unwrap(decryptHashRatchetLayer(opened.encryption, indexHashRatchetKeys([k2])));
    const amm = unwrap(decodeApplicationMessage(plaintext));
    expect(amm.kind === 'message' && amm.typeName === 'CHAT_MESSAGE' && amm.message).toMatchObject({
      text: 'hello from another platform',
    });
  });
});
