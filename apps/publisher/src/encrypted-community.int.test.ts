import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  decodeAsymmetric,
  keyIdOf,
  symKeyFor,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, SecretKey, createMasterKeyRing } from '@status-communities/keyring';
import { status } from '@status-communities/proto';
import type { DecodedStatusMessage } from '@status-communities/protocol';
import {
  channelGroupId,
  contentTopicForChatId,
  decodeApplicationMessage,
  decodeStatusMessage,
  decryptHashRatchetLayer,
  decryptCommunityDescription,
  indexHashRatchetKeys,
  memberUpdateChatId,
  openDhKeyExchangeMessage,
  pubsubTopicForShard,
  readKeyExchangeKeys,
} from '@status-communities/protocol';
import type { CommunityCommand, OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import { identityInput, newChannel } from './testing/fixtures.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };
const shard = (index: number) => pubsubTopicForShard(index);

/** A Status member built from libs only: its key and the group keys it has received. */
class Member {
  readonly key = SecretKey.generate();
  readonly keys: HashRatchetKey[] = [];
  get memberKey(): string {
    return this.key.publicKeyHex;
  }

  /** Reads the 1:1 messages addressed to it: key exchanges (keys kept) and kicks (returned). */
  readDirect(messages: readonly OutboundWakuMessage[]): string[] {
    const kinds: string[] = [];
    for (const message of messages) {
      const envelope = decodeAsymmetric(base64ToBytes(message.payload), this.key.reveal());
      if (!envelope.ok) continue;
      const exchange = openDhKeyExchangeMessage(envelope.value.data, this.key.reveal());
      if (exchange.ok && exchange.value.keyExchange) {
        const keys = unwrap(
          readKeyExchangeKeys(exchange.value.keyExchange, {
            recipientPrivateKey: this.key.reveal(),
            senderPublicKey: envelope.value.signer,
          }),
        );
        this.keys.push(...keys);
        kinds.push('key-exchange');
        continue;
      }
      const decoded = unwrap(
        decodeStatusMessage(base64ToBytes(message.payload), { privateKey: this.key.reveal() }),
      );
      if (decoded.kind === 'message') kinds.push(decoded.typeName);
    }
    return kinds;
  }

  /** Decrypts a published description: its rekey entry first (the community key), then the private parts. */
  readDescription(message: DecodedStatusMessage) {
    if (message.kind !== 'message' || !message.keyExchange) throw new Error('no rekey envelope');
    const fromRekey = unwrap(
      readKeyExchangeKeys(message.keyExchange, {
        recipientPrivateKey: this.key.reveal(),
        senderPublicKey: message.envelopeSigner,
      }),
    );
    this.keys.push(...fromRekey);
    return decryptCommunityDescription(
      message.message as status.CommunityDescription,
      indexHashRatchetKeys(this.keys),
    );
  }
}

const groupKeyStore = () =>
  new GroupKeyStore(
    h.prisma,
    unwrap(
      createMasterKeyRing(
        { id: 'g1', key: SecretBytes.of(Buffer.from(GROUP_KEYS.GROUP_KEYS_MASTER_KEY, 'hex')) },
        [],
      ),
    ),
  );

let h: Harness;

describe('publisher: an encrypted community', () => {
  let communityId: string;
  const channelId = randomUUID();
  const alice = new Member();
  const bob = new Member();
  const base = { actor: 'test', correlationId: 'c' };

  const descriptionOn = (messages: readonly OutboundWakuMessage[]): DecodedStatusMessage => {
    const [message] = messages.filter((m) => m.pubsubTopic === shard(128));
    const decoded = unwrap(
      decodeStatusMessage(base64ToBytes(message!.payload), { symKey: symKeyFor(communityId) }),
    );
    if (decoded.kind !== 'message') throw new Error(decoded.kind);
    return decoded;
  };

  const publishAfter = async (command: CommunityCommand, count: number) => {
    const job = await h.command(command);
    if (job.failedReason) throw new Error(job.failedReason);
    return h.waitForOutbound(count);
  };

  beforeAll(async () => {
    h = await createHarness('encrypted');
    await h.start(GROUP_KEYS);
    const job = await h.command({
      ...base,
      type: 'community.create',
      tenantId: h.tenantId,
      identity: identityInput('Members only'),
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false, encrypted: true },
    });
    if (job.failedReason) throw new Error(job.failedReason);
    communityId = job.returnvalue.communityId;
    // The description on 128 and 32; the owner is the control node, so no key exchange.
    const first = await h.waitForOutbound(2);
    const description = descriptionOn(first);
    const proto = description.message as status.CommunityDescription;
    expect(Object.keys(proto.members)).toEqual([]);
    expect(Object.keys(proto.privateData)).toHaveLength(1);
    expect(Object.values(proto.tokenPermissions).map((p) => p.type)).toEqual([
      status.CommunityTokenPermission.Type.BECOME_MEMBER,
    ]);
  });
  afterAll(() => h.close());

  it('hands a new member every key 1:1 and in the rekey envelope; the member decrypts members and channels', async () => {
    await h.prisma.member.create({ data: { communityId, memberKey: alice.memberKey, joinedAt: new Date() } });
    const messages = await publishAfter(
      {
        ...(newChannel(communityId, 'vault', channelId) as Extract<
          CommunityCommand,
          { type: 'channel.upsert' }
        >),
        encrypted: true,
      },
      4,
    );
    // Description on 128 and 32, then a key exchange per group (community, vault) to alice on 32.
    expect(alice.readDirect(messages)).toEqual(['key-exchange', 'key-exchange']);
    const { description, undecrypted } = alice.readDescription(descriptionOn(messages));
    expect(undecrypted).toEqual([]);
    // The owner (the control node) and alice.
    expect(Object.keys(description.members)).toHaveLength(2);
    expect(Object.keys(description.members)).toContain(alice.memberKey);
    expect(Object.keys(description.chats[channelId]?.members ?? {})).toContain(alice.memberKey);
    expect(alice.keys.map((k) => bytesToHex(k.groupId))).toContainEqual(
      bytesToHex(channelGroupId(communityId, channelId)),
    );
    // Nothing of a key in the publisher's logs.
    for (const key of alice.keys) expect(h.logLines.join('')).not.toContain(bytesToHex(key.key));
  });

  it('sends only the joined member the keys when another joins', async () => {
    await h.prisma.member.create({ data: { communityId, memberKey: bob.memberKey, joinedAt: new Date() } });
    const messages = await publishAfter(
      { ...base, type: 'community.update', communityId, identity: { description: 'bob joined' } },
      4,
    );
    expect(alice.readDirect(messages)).toEqual([]);
    expect(bob.readDirect(messages)).toEqual(['key-exchange', 'key-exchange']);
    expect(bob.readDescription(descriptionOn(messages)).undecrypted).toEqual([]);
  });

  it('rekeys when a member is banned: the rest get the new keys, the banned one a kick and nothing to read', async () => {
    const before = new Set(alice.keys.map((key) => bytesToHex(keyIdOf(key))));
    await h.prisma.member.update({
      where: { communityId_memberKey: { communityId, memberKey: bob.memberKey } },
      data: { state: 'BANNED' },
    });
    // Description ×2, new community and channel keys to alice (2), the kick to bob (1, on 64).
    const messages = await publishAfter(
      { ...base, type: 'community.update', communityId, identity: { description: 'bob banned' } },
      5,
    );
    expect(bob.readDirect(messages)).toEqual(['COMMUNITY_USER_KICKED']);
    expect(alice.readDirect(messages)).toEqual(['key-exchange', 'key-exchange']);
    const description = descriptionOn(messages);
    expect(alice.readDescription(description).undecrypted).toEqual([]);
    const forBob = bob.readDescription(description);
    expect(forBob.undecrypted.map((part) => part.error.code)).toEqual([
      ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
      ErrorCode.HASH_RATCHET_KEY_NOT_FOUND,
    ]);
    // The community key came twice (1:1 and in the rekey envelope): two new keys.
    const fresh = new Set(alice.keys.map((key) => bytesToHex(keyIdOf(key))).filter((id) => !before.has(id)));
    expect(fresh.size).toBe(2);
    expect(h.logLines.some((line) => line.includes('"keysRotated"'))).toBe(true);
  });

  it("rotates every group's key on an admin's command and hands the new keys to the members", async () => {
    const messages = await publishAfter({ ...base, type: 'community.rotate-keys', communityId }, 4);
    expect(alice.readDirect(messages)).toEqual(['key-exchange', 'key-exchange']);
    expect(alice.readDescription(descriptionOn(messages)).undecrypted).toEqual([]);
  });

  it('rekeys on schedule once the newest key of a group is 48 h old', async () => {
    const publisher = await h.start(GROUP_KEYS);
    expect((await publisher.sweep()).rekey).toBe(0);
    // Keys made 49 h ago (a key's timestamp is part of its id, so they are stored as other keys).
    const store = groupKeyStore();
    const current = unwrap(await store.ofCommunity(communityId));
    await h.prisma.groupKey.deleteMany({ where: { communityId } });
    const old = BigInt(Date.now() - 49 * 3_600_000);
    for (const { key } of current) await store.store(communityId, { ...key, timestampMs: old });
    expect((await publisher.sweep()).rekey).toBe(1);
    const messages = await h.waitForOutbound(4);
    expect(alice.readDirect(messages)).toEqual(['key-exchange', 'key-exchange']);
    expect(alice.readDescription(descriptionOn(messages)).undecrypted).toEqual([]);
    expect((await publisher.sweep()).rekey).toBe(0);
  });

  it("has a bot member post under the channel's hash ratchet, which a member opens", async () => {
    const bot = SecretKey.generate();
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: bot.publicKeyHex, displayName: 'Vault Bot', keyId: entry.id },
    });
    await h.prisma.member.create({
      data: { communityId, memberKey: bot.publicKeyHex, joinedAt: new Date() },
    });
    // The bot's keys: description ×2 and a key exchange per group.
    await publishAfter(
      { ...base, type: 'community.update', communityId, identity: { description: 'a bot joined' } },
      4,
    );
    const channelKey = unwrap(
      await groupKeyStore().current(communityId, channelGroupId(communityId, channelId)),
    );
    const post = async (text: string) => {
      const job = await h.botCommand({
        type: 'message.send',
        actor: 'test',
        correlationId: randomUUID(),
        botKey: bot.publicKeyHex,
        communityId,
        channelId,
        text,
      });
      expect(job.failedReason).toBeUndefined();
      const universal = memberUpdateChatId(communityId);
      const [onContent] = (await h.waitForOutbound(2)).filter((m) => m.pubsubTopic === shard(256));
      const decoded = unwrap(
        decodeStatusMessage(base64ToBytes(onContent!.payload), { symKey: symKeyFor(universal) }),
      );
      if (decoded.kind !== 'encrypted' || decoded.encryption.kind !== 'hash-ratchet')
        throw new Error(decoded.kind);
      return decoded.encryption;
    };
    const first = await post('for members only');
    expect(bytesToHex(first.keyId)).toBe(bytesToHex(channelKey!.keyId));
    // Continues after the seq_no the description's channel part took under that key.
    expect(first.seqNo).toBeGreaterThan(channelKey!.lastSeqNo);
    const opened = unwrap(
      decodeApplicationMessage(unwrap(decryptHashRatchetLayer(first, indexHashRatchetKeys(alice.keys)))),
    );
    if (opened.kind !== 'message' || opened.typeName !== 'CHAT_MESSAGE') throw new Error(opened.kind);
    expect(opened.message.text).toBe('for members only');
    expect(bytesToHex(opened.ammSigner!)).toBe(bytesToHex(bot.publicKey));
    const second = await post('again');
    expect(second.seqNo).toBe(first.seqNo + 1);
  });

  it('republishes the same state without handing keys out again', async () => {
    await h.prisma.community.update({ where: { id: communityId }, data: { lastPublishedAt: new Date(0) } });
    await h.start(GROUP_KEYS);
    const messages = await h.waitForOutbound(2);
    expect(messages.map((m) => m.contentTopic)).toEqual([
      contentTopicForChatId(communityId),
      contentTopicForChatId(communityId),
    ]);
  });
});
