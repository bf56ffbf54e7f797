// A community run by another control node that a bot of ours joined (issue #13): the indexer hands the
// messages that name the bot (its rekey entry in a description as member.keys, its partitioned topic as
// direct.received) to the publisher as received — it holds no bot key — and, once the bot's keys are in the
// GroupKeyStore, reads that community's descriptions (members, channels) and posts with them; garbage private
// parts are refused, counted, not stored.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHashRatchetKey, hexToBytesOrThrow } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import {
  GroupKeyStore,
  Keyring,
  SecretBytes,
  SecretKey,
  createMasterKeyRing,
} from '@status-communities/keyring';
import type { InboundWakuMessage, TypedQueue } from '@status-communities/queue';
import { QueueName, closeQueueResources, createQueue, enqueue } from '@status-communities/queue';
import type { TestKey } from '@status-communities/testing';
import { TestCommunity, newKey, waitFor } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

const MASTER = randomBytes(32).toString('hex');
const ring = (hex: string, id: string) =>
  unwrap(createMasterKeyRing({ id, key: SecretBytes.of(Buffer.from(hex, 'hex')) }, []));

const outcomeOf = async (harness: Harness, message: InboundWakuMessage) =>
  (await harness.inbound.getJob(message.hash))?.returnvalue as unknown;

describe('a community run elsewhere that a bot of ours joined', () => {
  let harness: Harness;
  let bots: TypedQueue<typeof QueueName.BOT_MESSAGES>;
  let store: GroupKeyStore;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const asMember: TestKey = { memberKey: botKey, privateKey: new Uint8Array(32) };
  const owner = newKey('owner');
  const foreign = new TestCommunity(owner);
  foreign.encrypt();
  foreign.addMember(asMember);
  const general = foreign.addChannel('general');
  const id = foreign.communityId;
  const key = generateHashRatchetKey(hexToBytesOrThrow(id), BigInt(Date.now()));
  const forwarded = (message: InboundWakuMessage) =>
    bots.getJob(`member-keys.${message.hash}.${botKey.slice(2, 18)}`);

  beforeAll(async () => {
    harness = await startHarness({ env: { GROUP_KEYS_MASTER_KEY: MASTER, GROUP_KEYS_MASTER_KEY_ID: 'g1' } });
    const { prisma } = harness.db;
    store = new GroupKeyStore(prisma, ring(MASTER, 'g1'));
    bots = createQueue(QueueName.BOT_MESSAGES, harness.redis, { prefix: harness.prefix });
    const tenant = await prisma.tenant.create({ data: { name: 'Bots', slug: 'bots' } });
    const keyring = new Keyring(prisma, ring(randomBytes(32).toString('hex'), 'k1'));
    const entry = unwrap(await keyring.import('IDENTITY_KEY', bot, tenant.id, { actor: 'test' }));
    await prisma.identity.create({
      data: { tenantId: tenant.id, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
    await harness.watch(id);
  });
  afterAll(async () => {
    await closeQueueResources({ queues: [bots] });
    await harness.close();
  });

  it('hands a description sealing a key to our bot to the publisher, and stores it with its private parts hidden', async () => {
    const described = foreign.encryptedDescription(key).inbound;
    await harness.publish(described);
    expect(await outcomeOf(harness, described)).toEqual({ outcome: 'accepted', reason: 'description' });
    const job = await forwarded(described);
    expect(job?.data).toMatchObject({ type: 'member.keys', botKey, communityId: id, message: described });
    expect(await harness.counter('indexer_member_keys_forwarded_total', { source: 'description' })).toBe(1);
    expect(await harness.db.prisma.member.count({ where: { communityId: id } })).toBe(0);
  });

  it("hands a key exchange on the bot's partitioned topic to the publisher untouched, as a 1:1 message", async () => {
    const exchange = foreign.keyExchange(asMember, hexToBytesOrThrow(id), [key]) as InboundWakuMessage;
    await harness.publish(exchange);
    expect(await outcomeOf(harness, exchange)).toEqual({ outcome: 'ignored', reason: 'direct-message' });
    const job = await bots.getJob(`direct.${exchange.hash}.${botKey.slice(2, 18)}`);
    expect(job?.data).toMatchObject({ type: 'direct.received', botKey, message: exchange });
    expect(await forwarded(exchange)).toBeUndefined();
  });

  it('reads the description again once the keys arrived, and indexes the post held for its key', async () => {
    const early = foreign.hashRatchetChat(owner, general, 'before the key', key, 1);
    await harness.publish(early.inbound);
    expect(await outcomeOf(harness, early.inbound)).toEqual({
      outcome: 'held',
      reason: 'hash-ratchet-key-not-found',
    });
    // What the publisher does with the forwarded description (publisher member-keys.int.test.ts): the key
    // stored, then the description handed back with community.keys-arrived.
    await store.store(id, key);
    const described = (await bots.getJobs(['wait'])).find(
      (job) => job.data.type === 'member.keys' && job.data.communityId === id,
    );
    const added = await enqueue(
      harness.watchQueue,
      {
        type: 'community.keys-arrived',
        correlationId: 'keys',
        actor: 'publisher',
        communityId: id,
        ...(described?.data.type === 'member.keys' && { message: described.data.message }),
      },
      { jobId: 'keys-arrived' },
    );
    if (!added.ok) throw added.error;
    await waitFor('keys-arrived judged', async () => {
      const state = await harness.watchQueue.getJobState('keys-arrived');
      if (state === 'failed') throw new Error('keys-arrived failed');
      return state === 'completed' || undefined;
    });
    const members = await harness.db.prisma.member.findMany({ where: { communityId: id, state: 'ACTIVE' } });
    expect(members.map((member) => member.memberKey).sort()).toEqual([botKey, owner.memberKey].sort());
    expect(await harness.db.prisma.message.findUnique({ where: { id: early.messageId } })).toMatchObject({
      text: 'before the key',
    });
    expect(await harness.db.prisma.heldMessage.count()).toBe(0);
  });

  it("reads the next description and the members' posts with the key the bot took in", async () => {
    harness.passTime(1_000);
    const next = foreign.encryptedDescription(key).inbound;
    await harness.publish(next);
    expect(await outcomeOf(harness, next)).toEqual({ outcome: 'accepted', reason: 'description' });
    const members = await harness.db.prisma.member.findMany({ where: { communityId: id, state: 'ACTIVE' } });
    expect(members.map((member) => member.memberKey).sort()).toEqual([botKey, owner.memberKey].sort());
    expect(
      await harness.db.prisma.channel.findUnique({ where: { id: foreign.chatId(general) } }),
    ).toMatchObject({
      name: 'general',
    });

    const post = foreign.hashRatchetChat(owner, general, 'for members only', key, 2);
    await harness.publish(post.inbound);
    expect(await outcomeOf(harness, post.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
    expect(await harness.db.prisma.message.findUnique({ where: { id: post.messageId } })).toMatchObject({
      authorKey: owner.memberKey,
      text: 'for members only',
    });
  });

  it('continues our seq_no under the key above the highest a member used, never lowering it', async () => {
    const stored = async () => unwrap(await store.current(id, hexToBytesOrThrow(id)));
    const high = foreign.hashRatchetChat(owner, general, 'at forty', key, 40);
    await harness.publish(high.inbound);
    expect(await outcomeOf(harness, high.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
    expect((await stored())?.lastSeqNo).toBe(40);
    const low = foreign.hashRatchetChat(owner, general, 'at seven', key, 7);
    await harness.publish(low.inbound);
    expect(await outcomeOf(harness, low.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
    const row = await stored();
    expect(row?.lastSeqNo).toBe(40);
    // What our bot's next message under the key takes.
    expect(unwrap(await store.nextSeqNo(row?.id ?? ''))).toBe(41);
  });

  it('refuses a post whose seq_no jumps past 100000 steps of the key, counted, storing nothing', async () => {
    const jump = foreign.hashRatchetChat(owner, general, 'jumped', key, 3, 100_001);
    await harness.publish(jump.inbound);
    expect(await outcomeOf(harness, jump.inbound)).toEqual({
      outcome: 'rejected',
      reason: 'hash-ratchet-seq-no-too-high',
    });
    expect(await harness.counter('indexer_rejected_total', { reason: 'hash-ratchet-seq-no-too-high' })).toBe(
      1,
    );
    expect(await harness.db.prisma.message.count({ where: { text: 'jumped' } })).toBe(0);
  });

  it('refuses a description whose private parts under a held key are garbage, counted, storing nothing', async () => {
    const before = await harness.db.prisma.community.findUniqueOrThrow({ where: { id } });
    const garbage = foreign.encryptedDescription(key, {
      privateData: (entries) =>
        Object.fromEntries(
          Object.entries(entries).map(([entry, bytes]) => [entry, randomBytes(bytes.length)]),
        ),
    }).inbound;
    await harness.publish(garbage);
    expect(await outcomeOf(harness, garbage)).toEqual({
      outcome: 'rejected',
      reason: 'garbage-private-data',
    });
    expect(await harness.counter('indexer_rejected_total', { reason: 'garbage-private-data' })).toBe(1);
    const after = await harness.db.prisma.community.findUniqueOrThrow({ where: { id } });
    expect(after.clock).toBe(before.clock);
    expect(after.descriptionRaw).toEqual(before.descriptionRaw);
    expect(await harness.db.prisma.member.count({ where: { communityId: id, state: 'ACTIVE' } })).toBe(2);
  });
});
