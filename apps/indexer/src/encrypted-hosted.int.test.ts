// Messages of an encrypted community hosted here (issue #13): opened with the group keys the publisher keeps
// (GROUP_KEYS_MASTER_KEY, no signing key), indexed like open ones; a message under a key not stored yet is held
// and indexed once the key is there and the clock moved; garbage is refused by code and counted.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHashRatchetKey, hexToBytesOrThrow } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, createMasterKeyRing } from '@status-communities/keyring';
import { channelGroupId } from '@status-communities/protocol';
import type { InboundWakuMessage } from '@status-communities/queue';
import { TestCommunity, newKey } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

const MASTER = randomBytes(32).toString('hex');

const outcomeOf = async (harness: Harness, message: InboundWakuMessage) =>
  (await harness.inbound.getJob(message.hash))?.returnvalue as unknown;

describe('an encrypted community hosted here', () => {
  let harness: Harness;
  let store: GroupKeyStore;
  const owner = newKey();
  const alice = newKey();
  const community = new TestCommunity(owner);
  community.addMember(alice);
  const vault = community.addChannel('vault');
  const id = community.communityId;

  beforeAll(async () => {
    harness = await startHarness({ env: { GROUP_KEYS_MASTER_KEY: MASTER, GROUP_KEYS_MASTER_KEY_ID: 'g1' } });
    store = new GroupKeyStore(
      harness.db.prisma,
      unwrap(createMasterKeyRing({ id: 'g1', key: SecretBytes.of(Buffer.from(MASTER, 'hex')) }, [])),
    );
    community.description();
    const clock = BigInt(community.clock);
    await harness.db.prisma.community.create({
      data: {
        id,
        kind: 'HOSTED',
        encrypted: true,
        clock,
        lastPublishedClock: clock,
        descriptionRaw: community.storedDescription(),
      },
    });
    await harness.db.prisma.member.createMany({
      data: [owner, alice].map((key) => ({
        communityId: id,
        memberKey: key.memberKey,
        joinedAt: new Date(),
      })),
    });
    await harness.db.prisma.channel.create({
      data: { id: community.chatId(vault), communityId: id, uuid: vault, name: 'vault', encrypted: true },
    });
    await harness.indexer.routes.reload();
  });
  afterAll(() => harness.close());

  it("decrypts a member's post under the channel key and indexes its text", async () => {
    const { key } = await store.generate(id, channelGroupId(id, vault), Date.now());
    const post = community.hashRatchetChat(alice, vault, 'for members only', key, 1);
    await harness.publish(post.inbound);
    expect(await outcomeOf(harness, post.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
    expect(
      await harness.db.prisma.message.findUniqueOrThrow({ where: { id: post.messageId } }),
    ).toMatchObject({
      authorKey: alice.memberKey,
      text: 'for members only',
    });
  });

  it('decrypts a post under the community key too (an open channel of an encrypted community)', async () => {
    const { key } = await store.generate(id, hexToBytesOrThrow(id), Date.now());
    // Keys are looked for again at most once a second per community.
    harness.passTime(1_000);
    const post = community.hashRatchetChat(alice, vault, 'community key', key, 3);
    await harness.publish(post.inbound);
    expect(await outcomeOf(harness, post.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
  });

  it('holds a post under a key not stored yet, and indexes it once the key is stored and the clock moved', async () => {
    const later = generateHashRatchetKey(channelGroupId(id, vault), BigInt(Date.now()));
    const post = community.hashRatchetChat(alice, vault, 'ahead of my key', later, 1);
    await harness.publish(post.inbound);
    expect(await outcomeOf(harness, post.inbound)).toEqual({
      outcome: 'held',
      reason: 'hash-ratchet-key-not-found',
    });
    await store.store(id, later);
    await harness.db.prisma.community.update({ where: { id }, data: { clock: { increment: 1 } } });
    harness.passTime(1_000);
    await harness.indexer.sweepHeld();
    expect(await harness.db.prisma.message.findUnique({ where: { id: post.messageId } })).toMatchObject({
      text: 'ahead of my key',
    });
    expect(await harness.db.prisma.heldMessage.count()).toBe(0);
  });

  it('refuses a seq_no past 100000 and a forged ciphertext by code, counted, storing nothing', async () => {
    const current = unwrap(await store.current(id, channelGroupId(id, vault)))!;
    const jump = community.hashRatchetChat(alice, vault, 'jump', current.key, 1, 100_001);
    // Encrypted at seq 2, claiming seq 3: the message key is another one and the tag does not verify.
    const forged = community.hashRatchetChat(alice, vault, 'forged', current.key, 2, 3);
    const tooHigh = await harness.counter('indexer_rejected_total', {
      reason: 'hash-ratchet-seq-no-too-high',
    });
    const failed = await harness.counter('indexer_rejected_total', { reason: 'decryption-failed' });
    await harness.publish(jump.inbound, forged.inbound);
    expect(await outcomeOf(harness, jump.inbound)).toEqual({
      outcome: 'rejected',
      reason: 'hash-ratchet-seq-no-too-high',
    });
    expect(await harness.counter('indexer_rejected_total', { reason: 'hash-ratchet-seq-no-too-high' })).toBe(
      tooHigh + 1,
    );
    expect(await harness.counter('indexer_rejected_total', { reason: 'decryption-failed' })).toBe(failed + 1);
    expect(await harness.db.prisma.message.count({ where: { text: { in: ['jump', 'forged'] } } })).toBe(0);
  });
});
