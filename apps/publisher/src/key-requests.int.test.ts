// Our bot as a member of an encrypted community run by another control node (issue #13) asks for the key of
// an encrypted channel it misses, as status-go's member does: COMMUNITY_ENCRYPTION_KEYS_REQUEST (87) signed by
// the bot, ECIES to the community key, at once, then after 10 min, then 20 more; none once the key is held.
// The foreign control node is built from libs only (TestCommunity); time is the publisher's clock.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  bytesToPrefixedHex,
  generateHashRatchetKey,
  hexToBytesOrThrow,
  symKeyFor,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, SecretKey, createMasterKeyRing } from '@status-communities/keyring';
import { channelGroupId, decodeStatusMessage, requestToJoinId } from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import type { TestKey } from '@status-communities/testing';
import { TestCommunity, newKey } from '@status-communities/testing';
import { KEY_REQUEST_BACKOFF_MS } from './bots/key-requests.js';
import type { Publisher } from './service.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

describe('publisher: a bot asks the control node elsewhere for a channel key it misses', () => {
  let h: Harness;
  let publisher: Publisher;
  let groupKeys: GroupKeyStore;
  let now = Date.now();
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const asMember: TestKey = { memberKey: botKey, privateKey: bot.reveal() };
  const foreign = new TestCommunity(newKey('owner'));
  foreign.encrypt();
  // An open channel beside: never asked for.
  foreign.addChannel('general');
  const secret = foreign.addChannel('secret');
  // A view-and-post permission without criteria: status-go encrypts the channel.
  foreign.tokenPermissions.set('secret-posters', {
    id: 'secret-posters',
    type: 'CAN_VIEW_AND_POST_CHANNEL',
    criteria: [],
    chatIds: [foreign.chatId(secret)],
    isPrivate: false,
  });
  foreign.addMember(asMember);
  const communityKey = generateHashRatchetKey(hexToBytesOrThrow(foreign.communityId), BigInt(now));
  const secretKey = generateHashRatchetKey(channelGroupId(foreign.communityId, secret), BigInt(now));

  /** One pass; the requests it queued, opened as the control node opens them. */
  const pass = async () => {
    const report = await publisher.requestMissingKeys();
    const opened = (await h.takeOutbound()).map((message) => {
      expect(message.contentTopic).toBe(foreign.requestTopic());
      const decoded = unwrap(
        decodeStatusMessage(base64ToBytes(message.payload), { privateKey: foreign.key.privateKey }),
      );
      if (decoded.kind !== 'message' || decoded.typeName !== 'COMMUNITY_ENCRYPTION_KEYS_REQUEST')
        throw new Error(`unexpected ${decoded.kind}`);
      return {
        signer: bytesToPrefixedHex(decoded.signer),
        communityId: bytesToPrefixedHex(decoded.message.communityId),
        chatIds: decoded.message.chatIds,
      };
    });
    return { report, opened };
  };
  const expectOneRequest = async () => {
    const { report, opened } = await pass();
    expect(report).toEqual({ sent: 1, skipped: 0 });
    // One request, encoded once per pubsub topic of the control node's requests.
    expect(opened.length).toBeGreaterThan(0);
    for (const request of opened)
      expect(request).toEqual({ signer: botKey, communityId: foreign.communityId, chatIds: [secret] });
  };
  const expectNone = async () => {
    const { report, opened } = await pass();
    expect(report).toEqual({ sent: 0, skipped: 0 });
    expect(opened).toEqual([]);
  };

  beforeAll(async () => {
    h = await createHarness('key-requests');
    // The periodic pass stays out of the way: the test runs each pass itself.
    publisher = await h.start({ ...GROUP_KEYS, KEY_REQUEST_CHECK_SECONDS: '86400' }, () => now);
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
    // What the indexer and member.keys leave: the last description (the secret channel's members sealed under
    // its key, the bloom filter beside), the community key, the bot's accepted request.
    const sent = foreign.encryptedDescription(communityKey, { channelKeys: { [secret]: secretKey } }).inbound;
    const decoded = unwrap(
      decodeStatusMessage(base64ToBytes(sent.payload), { symKey: symKeyFor(foreign.communityId) }),
    );
    if (decoded.kind !== 'message') throw new Error(decoded.kind);
    await h.prisma.community.create({
      data: {
        id: foreign.communityId,
        kind: 'WATCHED',
        descriptionRaw: new Uint8Array(decoded.applicationMessage),
        clock: BigInt(foreign.clock),
        encrypted: true,
      },
    });
    await h.prisma.requestToJoin.create({
      data: {
        id: '0x' + bytesToHex(requestToJoinId(botKey, foreign.communityId)),
        communityId: foreign.communityId,
        requesterKey: botKey,
        clock: 1n,
        state: 'ACCEPTED',
      },
    });
    await groupKeys.store(foreign.communityId, communityKey);
  });
  afterAll(() => h.close());

  it('asks at once for the encrypted channel only (found in its bloom filter), not again before 10 min', async () => {
    await expectOneRequest();
    now += KEY_REQUEST_BACKOFF_MS - 1;
    await expectNone();
  });

  it('asks again after 10 min, then only after 20 more', async () => {
    now += 1;
    await expectOneRequest();
    now += 2 * KEY_REQUEST_BACKOFF_MS - 1;
    await expectNone();
    now += 1;
    await expectOneRequest();
    const row = await h.prisma.communityEncryptionKeysRequest.findUniqueOrThrow({
      where: {
        communityId_botKey_channelId: { communityId: foreign.communityId, botKey, channelId: secret },
      },
    });
    expect(row).toMatchObject({ count: 3, requestedAt: new Date(now) });
    const metrics = await (await fetch(`${publisher.healthUrl}/metrics`)).text();
    expect(metrics).toMatch(/publisher_key_requests_sent_total\{service="publisher"\} 3\b/);
  });

  it('asks no more once the key is held, and forgets the back-off', async () => {
    await groupKeys.store(foreign.communityId, secretKey);
    now += 100 * KEY_REQUEST_BACKOFF_MS;
    await expectNone();
    expect(await h.prisma.communityEncryptionKeysRequest.count()).toBe(0);
  });
});
