// A member's first posts after acceptance (issue #11): a hosted community's are judged by the membership the
// request handler stored, a watched community's are held until a description lists their sender.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Prisma } from '@status-communities/db';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { TestKey } from '@status-communities/testing';
import { newKey, TestCommunity } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

const MINUTE = 60_000;

/** The job's BullMQ return value: what became of the message. */
const outcomeOf = async (harness: Harness, message: InboundWakuMessage) =>
  (await harness.inbound.getJob(message.hash))?.returnvalue as unknown;

/** message.added events announcing this message. */
const addedEvents = async (harness: Harness, messageId: string) =>
  (await harness.events()).filter((event) => event.type === 'message.added' && event.messageId === messageId);

const heldRows = (harness: Harness) => harness.db.prisma.heldMessage.count();

describe('a hosted community: posts judged by the membership as stored', () => {
  let harness: Harness;
  const owner = newKey();
  const alice = newKey();
  const bob = newKey();
  const carol = newKey();
  const community = new TestCommunity(owner);
  community.addMember(alice);
  community.addMember(bob);
  community.addMember(carol);
  const general = community.addChannel('general');
  const id = community.communityId;

  /** What the request handler does in one transaction: the member's rows change and the clock moves. */
  const changeMembership = async (...changes: Prisma.PrismaPromise<unknown>[]) => {
    const { prisma } = harness.db;
    const { clock } = await prisma.community.findUniqueOrThrow({ where: { id } });
    await prisma.$transaction([
      ...changes,
      prisma.community.update({ where: { id }, data: { clock: clock + 1n } }),
    ]);
  };
  const setState = (key: TestKey, state: 'ACTIVE' | 'LEFT' | 'KICKED' | 'BANNED') =>
    harness.db.prisma.member.upsert({
      where: { communityId_memberKey: { communityId: id, memberKey: key.memberKey } },
      create: { communityId: id, memberKey: key.memberKey, joinedAt: new Date(), state },
      update: { state },
    });

  beforeAll(async () => {
    harness = await startHarness();
    // As the publisher leaves it: the community, its members and channel, the description it published.
    community.description();
    const clock = BigInt(community.clock);
    await harness.db.prisma.community.create({
      data: {
        id,
        kind: 'HOSTED',
        clock,
        lastPublishedClock: clock,
        descriptionRaw: community.storedDescription(),
      },
    });
    await harness.db.prisma.member.createMany({
      data: [...community.members.values()].map((member) => ({
        communityId: id,
        memberKey: member.publicKey,
        roles: [...member.roles],
        joinedAt: new Date(),
      })),
    });
    await harness.db.prisma.channel.create({
      data: { id: community.chatId(general), communityId: id, uuid: general, name: 'general' },
    });
    await harness.indexer.routes.reload();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('indexes an accepted member’s first post before any new description, with one event', async () => {
    const newcomer = newKey();
    await changeMembership(setState(newcomer, 'ACTIVE'));
    const first = community.chat(newcomer, general, 'hello, I just joined');
    await harness.publish(first.inbound);

    expect(await outcomeOf(harness, first.inbound)).toEqual({ outcome: 'accepted', reason: 'message' });
    expect(
      await harness.db.prisma.message.findUniqueOrThrow({ where: { id: first.messageId } }),
    ).toMatchObject({ authorKey: newcomer.memberKey, text: 'hello, I just joined' });
    expect(await addedEvents(harness, first.messageId)).toEqual([
      expect.objectContaining({ correlationId: first.inbound.hash, communityId: id }),
    ]);
  });

  it('refuses a member banned, kicked or gone since the last description at once, and holds nothing', async () => {
    await changeMembership(
      setState(alice, 'BANNED'),
      harness.db.prisma.ban.create({
        data: { communityId: id, memberKey: alice.memberKey, clock: 1n, bannedAt: new Date() },
      }),
    );
    await changeMembership(setState(bob, 'KICKED'));
    await changeMembership(setState(carol, 'LEFT'));
    const banned = await harness.counter('indexer_rejected_total', { reason: 'banned' });
    const notMembers = await harness.counter('indexer_rejected_total', { reason: 'not-a-member' });

    const posts = [alice, bob, carol].map((key) => community.chat(key, general, 'am I still in?'));
    await harness.publish(...posts.map((post) => post.inbound));

    expect(await outcomeOf(harness, posts[0]!.inbound)).toEqual({ outcome: 'rejected', reason: 'banned' });
    expect(await outcomeOf(harness, posts[1]!.inbound)).toEqual({
      outcome: 'rejected',
      reason: 'not-a-member',
    });
    expect(await harness.counter('indexer_rejected_total', { reason: 'banned' })).toBe(banned + 1);
    expect(await harness.counter('indexer_rejected_total', { reason: 'not-a-member' })).toBe(notMembers + 2);
    expect(
      await harness.db.prisma.message.count({ where: { id: { in: posts.map((post) => post.messageId) } } }),
    ).toBe(0);
    expect(await heldRows(harness)).toBe(0);
  });
});

describe('a watched community: posts of not-yet-members held until a description lists them', () => {
  let harness: Harness;
  const owner = newKey();
  const community = new TestCommunity(owner);
  const general = community.addChannel('general');
  const maxAgeMs = 10 * MINUTE;

  /** Refuses whatever is held (moves the clock past the window). */
  const expireAll = async () => {
    harness.passTime(maxAgeMs + MINUTE);
    await harness.indexer.sweepHeld();
  };

  beforeAll(async () => {
    harness = await startHarness({ env: { INDEXER_HOLD_MAX_AGE_SECONDS: String(maxAgeMs / 1000) } });
    await harness.watch(community.communityId);
    await harness.publish(community.description().inbound);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('holds a first post, then indexes it once when a description lists its sender, with one event', async () => {
    const newcomer = newKey();
    const first = community.chat(newcomer, general, 'hello before the description');
    const reaction = community.react(newcomer, general, first.messageId, 'LOVE');
    await harness.publish(first.inbound, reaction.inbound);

    expect(await outcomeOf(harness, first.inbound)).toEqual({ outcome: 'held', reason: 'not-a-member' });
    expect(await heldRows(harness)).toBe(2);
    expect(await harness.counter('indexer_held_total', { reason: 'not-a-member' })).toBe(2);
    expect(await harness.db.prisma.message.count({ where: { id: first.messageId } })).toBe(0);

    community.addMember(newcomer);
    await harness.publish(community.description().inbound);

    // In arrival order: the reaction finds the message released before it.
    expect(
      await harness.db.prisma.message.findUniqueOrThrow({ where: { id: first.messageId } }),
    ).toMatchObject({
      authorKey: newcomer.memberKey,
      text: 'hello before the description',
    });
    expect(await harness.db.prisma.reaction.count({ where: { messageId: first.messageId } })).toBe(1);
    expect(await addedEvents(harness, first.messageId)).toEqual([
      expect.objectContaining({ correlationId: first.inbound.hash }),
    ]);
    expect(await heldRows(harness)).toBe(0);
    expect(await harness.counter('indexer_held_released_total')).toBe(2);
  });

  it('stores a message judged again twice once (a release repeated after a crash)', async () => {
    const newcomer = newKey();
    const post = community.chat(newcomer, general, 'judged twice');
    await harness.publish(post.inbound);
    community.addMember(newcomer);
    await harness.publish(community.description().inbound);
    expect(await addedEvents(harness, post.messageId)).toHaveLength(1);

    // The row back as a replica that died before its commit would have left it, judged at an older clock.
    await harness.db.prisma.heldMessage.create({
      data: {
        hash: post.inbound.hash,
        communityId: community.communityId,
        message: post.inbound,
        size: 1,
        reason: 'not-a-member',
        clock: 1n,
        heldAt: new Date(),
      },
    });
    const duplicates = await harness.counter('indexer_rejected_total', { reason: 'duplicate' });
    await harness.indexer.sweepHeld();

    expect(await heldRows(harness)).toBe(0);
    expect(await harness.db.prisma.message.count({ where: { id: post.messageId } })).toBe(1);
    expect(await addedEvents(harness, post.messageId)).toHaveLength(1);
    expect(await harness.counter('indexer_rejected_total', { reason: 'duplicate' })).toBe(duplicates + 1);
  });

  it('keeps holding a sender a newer description still does not list, from when it was first held', async () => {
    const later = newKey();
    const post = community.chat(later, general, 'not in this one either');
    await harness.publish(post.inbound);
    const { heldAt } = await harness.db.prisma.heldMessage.findUniqueOrThrow({
      where: { hash: post.inbound.hash },
    });

    community.addMember(newKey());
    const description = community.description();
    await harness.publish(description.inbound);

    const row = await harness.db.prisma.heldMessage.findUniqueOrThrow({ where: { hash: post.inbound.hash } });
    expect(row).toMatchObject({ heldAt, clock: BigInt(community.clock) });
    expect(await harness.db.prisma.message.count({ where: { id: post.messageId } })).toBe(0);

    await expireAll();
    expect(await heldRows(harness)).toBe(0);
  });

  it('refuses a held message no description admitted in time, with the reason of today, and counts it', async () => {
    const stranger = newKey();
    const post = community.chat(stranger, general, 'buy my token');
    await harness.publish(post.inbound);
    const rejected = await harness.counter('indexer_rejected_total', { reason: 'not-a-member' });
    const expired = await harness.counter('indexer_held_expired_total', { reason: 'not-a-member' });

    harness.passTime(maxAgeMs - MINUTE);
    await harness.indexer.sweepHeld();
    expect(await heldRows(harness)).toBe(1);

    harness.passTime(2 * MINUTE);
    // A description admitting the sender now comes too late: the window is over.
    community.addMember(stranger);
    await harness.publish(community.description().inbound);
    expect(await harness.db.prisma.message.count({ where: { id: post.messageId } })).toBe(0);
    await harness.indexer.sweepHeld();

    expect(await heldRows(harness)).toBe(0);
    expect(await harness.db.prisma.message.count({ where: { id: post.messageId } })).toBe(0);
    expect(await harness.counter('indexer_rejected_total', { reason: 'not-a-member' })).toBe(rejected + 1);
    expect(await harness.counter('indexer_held_expired_total', { reason: 'not-a-member' })).toBe(expired + 1);
  });
});

describe('the hold of a watched community is bounded and survives a restart', () => {
  const owner = newKey();
  const community = new TestCommunity(owner);
  const general = community.addChannel('general');
  const strangers = [newKey(), newKey(), newKey()];
  const posts = strangers.map((key, index) => community.chat(key, general, `post ${index} `.repeat(20)));
  const size = (post: (typeof posts)[number]) => Buffer.byteLength(JSON.stringify(post.inbound));

  const startWatching = async (env: Record<string, string>) => {
    const harness = await startHarness({ env });
    await harness.watch(community.communityId);
    community.clock = 0;
    await harness.publish(community.description().inbound);
    return harness;
  };

  it('refuses at once, counted, what a full hold has no room for: by count', async () => {
    const harness = await startWatching({ INDEXER_HOLD_MAX_MESSAGES: '2' });
    try {
      await harness.publish(...posts.map((post) => post.inbound));
      expect(await heldRows(harness)).toBe(2);
      expect(await outcomeOf(harness, posts[2]!.inbound)).toEqual({
        outcome: 'rejected',
        reason: 'not-a-member',
      });
      expect(await harness.counter('indexer_held_overflow_total', { reason: 'not-a-member' })).toBe(1);
      expect(await harness.counter('indexer_rejected_total', { reason: 'not-a-member' })).toBe(1);
    } finally {
      await harness.close();
    }
  });

  it('…and by bytes', async () => {
    const maxBytes = size(posts[0]!) + size(posts[1]!) + size(posts[2]!) - 1;
    const harness = await startWatching({ INDEXER_HOLD_MAX_BYTES: String(maxBytes) });
    try {
      await harness.publish(...posts.map((post) => post.inbound));
      expect(await heldRows(harness)).toBe(2);
      expect(await harness.counter('indexer_held_overflow_total', { reason: 'not-a-member' })).toBe(1);
      const { _sum } = await harness.db.prisma.heldMessage.aggregate({ _sum: { size: true } });
      expect(_sum.size).toBeLessThanOrEqual(maxBytes);
    } finally {
      await harness.close();
    }
  });

  it('releases after a restart what the indexer before it held', async () => {
    const first = await startWatching({});
    const second = await (async () => {
      try {
        await first.publish(posts[0]!.inbound);
        expect(await heldRows(first)).toBe(1);
      } finally {
        await first.stop();
      }
      return startHarness({ db: first.db, prefix: first.prefix });
    })();
    try {
      community.addMember(strangers[0]!);
      await second.publish(community.description().inbound);
      expect(await second.db.prisma.message.count({ where: { id: posts[0]!.messageId } })).toBe(1);
      expect(await addedEvents(second, posts[0]!.messageId)).toHaveLength(1);
      expect(await heldRows(second)).toBe(0);
    } finally {
      community.removeMember(strangers[0]!);
      await second.close();
    }
  });
});
