import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unwrap } from '@status-communities/errors';
import { unwrapApplicationMessage } from '@status-communities/protocol';
import type { DomainEvent } from '@status-communities/queue';
import { inboundMessage, newKey, TestCommunity } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Events after the first `seen`, by type, with the fields a test compares. */
const newEvents = async (harness: Harness, seen: number) => (await harness.events()).slice(seen);
const types = (events: readonly DomainEvent[]) => events.map((event) => event.type);

describe('the indexer on waku.inbound, real Redis and PostgreSQL', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  describe('a community as its control node publishes it', () => {
    const owner = newKey();
    const admin = newKey();
    const alice = newKey();
    const bob = newKey();
    const carol = newKey();
    const community = new TestCommunity(owner);
    community.addMember(admin, ['ADMIN']);
    community.addMember(alice);
    community.addMember(bob);
    const news = community.addCategory('News');
    const general = community.addChannel('general');
    const announcements = community.addChannel('announcements', news);
    let hello: string;
    let reply: string;

    it('stores the description, its channels, categories and members', async () => {
      await harness.watch(community.communityId);
      const description = community.description();
      await harness.publish(description.inbound);
      const { prisma } = harness.db;

      const stored = await prisma.community.findUniqueOrThrow({ where: { id: community.communityId } });
      expect(stored).toMatchObject({
        kind: 'WATCHED',
        name: 'Test community',
        description: 'a community of the tests',
        color: '#887af9',
        emoji: '🧪',
        tags: ['Ethereum'],
        access: 'AUTO_ACCEPT',
        encrypted: false,
        introMessage: 'welcome',
        outroMessage: 'bye',
        memberCount: 4,
        clock: BigInt(community.clock),
      });
      expect(stored.lastSeenAt).not.toBeNull();
      expect(
        await prisma.communityImage.findMany({ select: { kind: true, format: true, size: true } }),
      ).toEqual([{ kind: 'thumbnail', format: 'PNG', size: 3 }]);
      expect(await prisma.descriptionSnapshot.count({ where: { communityId: community.communityId } })).toBe(
        1,
      );
      expect(
        await prisma.category.findMany({ select: { categoryId: true, name: true, deleted: true } }),
      ).toEqual([{ categoryId: news, name: 'News', deleted: false }]);
      const channels = await prisma.channel.findMany({
        where: { communityId: community.communityId },
        orderBy: { position: 'asc' },
        select: { uuid: true, name: true, categoryId: true, deleted: true, encrypted: true },
      });
      expect(channels).toEqual([
        { uuid: general, name: 'general', categoryId: null, deleted: false, encrypted: false },
        { uuid: announcements, name: 'announcements', categoryId: news, deleted: false, encrypted: false },
      ]);
      const members = await prisma.member.findMany({ where: { communityId: community.communityId } });
      expect(new Map(members.map((member) => [member.memberKey, [member.state, member.roles]]))).toEqual(
        new Map([
          [owner.memberKey, ['ACTIVE', ['OWNER']]],
          [admin.memberKey, ['ACTIVE', ['ADMIN']]],
          [alice.memberKey, ['ACTIVE', []]],
          [bob.memberKey, ['ACTIVE', []]],
        ]),
      );
      // The members found in the first description were members before anyone looked: no joins.
      expect(await prisma.memberEvent.count()).toBe(0);
      expect(await harness.events()).toEqual([
        expect.objectContaining({
          type: 'community.updated',
          communityId: community.communityId,
          clock: String(community.clock),
          memberCount: 4,
          changes: [],
          correlationId: description.inbound.hash,
        }),
      ]);
    });

    it('stores messages with their edits, deletes, pins and reactions', async () => {
      const seen = (await harness.events()).length;
      const first = community.chat(alice, general, 'hello');
      const second = community.chat(bob, general, 'hi alice', { responseTo: first.messageId });
      hello = first.messageId;
      reply = second.messageId;
      await harness.publish(first.inbound, second.inbound);
      // One batch: the actions land in the order sent.
      await harness.publish(
        community.edit(alice, general, hello, 'hello, world').inbound,
        community.delete(bob, general, reply).inbound,
        community.pin(admin, general, hello, true).inbound,
        community.react(bob, general, hello, 'THUMBS_UP').inbound,
        community.react(alice, general, hello, 'LOVE').inbound,
        community.react(bob, general, hello, 'THUMBS_UP', true, { atMs: Date.now() + 1 }).inbound,
      );
      const { prisma } = harness.db;

      expect(await prisma.message.findUniqueOrThrow({ where: { id: hello } })).toMatchObject({
        channelId: community.chatId(general),
        authorKey: alice.memberKey,
        text: 'hello',
        currentText: 'hello, world',
        editCount: 1,
        pinned: true,
        pinnedBy: admin.memberKey,
        deleted: false,
      });
      // The signed AMM as received (its message id recomputes) and the Waku message it came in.
      const stored = await prisma.message.findUniqueOrThrow({ where: { id: hello } });
      expect(unwrap(unwrapApplicationMessage(stored.raw)).messageId).toBe(hello);
      expect(Buffer.from(stored.wakuHash ?? []).toString('hex')).toBe(first.inbound.hash);
      expect(await prisma.message.findUniqueOrThrow({ where: { id: reply } })).toMatchObject({
        responseTo: hello,
        deleted: true,
        deletedBy: bob.memberKey,
      });
      expect(await prisma.messageEdit.findMany({ select: { messageId: true, text: true } })).toEqual([
        { messageId: hello, text: 'hello, world' },
      ]);
      const reactions = await prisma.reaction.findMany({
        select: { memberKey: true, type: true, retracted: true },
      });
      expect(
        new Set(
          reactions.map((r) => `${r.memberKey === bob.memberKey ? 'bob' : 'alice'} ${r.type} ${r.retracted}`),
        ),
      ).toEqual(new Set(['bob THUMBS_UP true', 'alice LOVE false']));

      const events = await newEvents(harness, seen);
      expect(types(events)).toEqual([
        'message.added',
        'message.added',
        'message.edited',
        'message.deleted',
        'message.pinned',
        'reaction.changed',
        'reaction.changed',
        'reaction.changed',
      ]);
      expect(events[0]).toMatchObject({
        channelId: general,
        messageId: hello,
        authorKey: alice.memberKey,
        text: 'hello',
      });
      expect(events[1]).toMatchObject({ messageId: reply, replyTo: hello });
      expect(events[7]).toMatchObject({ reactorKey: bob.memberKey, emoji: 'THUMBS_UP', retracted: true });
    });

    it('turns membership changes into member rows, history and events', async () => {
      const seen = (await harness.events()).length;
      const { prisma } = harness.db;
      community.addMember(carol);
      community.removeMember(alice);
      community.ban(bob, true);
      await harness.publish(community.description().inbound);
      const banClock = community.clock;

      const state = async (key: { memberKey: string }) =>
        (
          await prisma.member.findUniqueOrThrow({
            where: {
              communityId_memberKey: { communityId: community.communityId, memberKey: key.memberKey },
            },
          })
        ).state;
      expect([await state(carol), await state(alice), await state(bob)]).toEqual([
        'ACTIVE',
        'LEFT',
        'BANNED',
      ]);
      expect(await prisma.ban.findMany({ select: { memberKey: true, deleteAllMessages: true } })).toEqual([
        { memberKey: bob.memberKey, deleteAllMessages: true },
      ]);
      // delete_all_messages: the banned member's messages go, as status-go deletes them.
      expect(await prisma.message.count({ where: { authorKey: bob.memberKey, deleted: false } })).toBe(0);
      expect(types(await newEvents(harness, seen))).toEqual([
        'community.updated',
        'member.joined',
        'member.left',
        'member.banned',
      ]);

      community.unban(bob);
      await harness.publish(community.description().inbound);
      expect(await state(bob)).toBe('LEFT');
      expect(await prisma.ban.count()).toBe(0);
      const history = await prisma.memberEvent.findMany({
        orderBy: { id: 'asc' },
        select: { memberKey: true, type: true, clock: true },
      });
      expect(history).toEqual([
        { memberKey: carol.memberKey, type: 'JOINED', clock: BigInt(banClock) },
        { memberKey: alice.memberKey, type: 'REMOVED', clock: BigInt(banClock) },
        { memberKey: bob.memberKey, type: 'BANNED', clock: BigInt(banClock) },
        { memberKey: bob.memberKey, type: 'UNBANNED', clock: BigInt(community.clock) },
      ]);
      const updated = (await newEvents(harness, seen)).at(-2);
      expect(updated).toMatchObject({ type: 'community.updated', changes: ['membersUnbanned'] });
      expect((await newEvents(harness, seen)).at(-1)).toMatchObject({
        type: 'member.unbanned',
        memberKey: bob.memberKey,
      });

      const today = await prisma.communityDailyStats.findUniqueOrThrow({
        where: {
          communityId_day: {
            communityId: community.communityId,
            day: new Date(`${day(Date.now())}T00:00:00Z`),
          },
        },
      });
      expect(today).toMatchObject({ joined: 1, left: 2, memberCount: 3, messages: 2, uniquePosters: 2 });
      expect(await prisma.descriptionSnapshot.count({ where: { communityId: community.communityId } })).toBe(
        3,
      );
    });

    it('keeps channels that leave the description, flagged, with their messages', async () => {
      community.channels.delete(announcements);
      await harness.publish(community.description().inbound);
      const channel = await harness.db.prisma.channel.findFirstOrThrow({ where: { uuid: announcements } });
      expect(channel.deleted).toBe(true);
      expect(await harness.db.prisma.message.count({ where: { id: hello } })).toBe(1);
    });
  });

  describe('analytics roll-ups', () => {
    const owner = newKey();
    const alice = newKey();
    const dave = newKey();
    const community = new TestCommunity(owner);
    community.addMember(alice);
    const general = community.addChannel('general');
    const random = community.addChannel('random');
    // Day boundaries in UTC, well in the past so every day is complete.
    const d0 = Math.floor((Date.now() - 40 * DAY) / DAY) * DAY;
    const at = (days: number, hour: number) => d0 + days * DAY + hour * 3_600_000;

    it('counts messages per channel and day, distinct posters, the hourly heat-map and retention', async () => {
      await harness.watch(community.communityId);
      await harness.publish(community.description({ atMs: at(0, 9) }).inbound);
      community.addMember(dave);
      await harness.publish(community.description({ atMs: at(1, 9) }).inbound);
      await harness.publish(
        community.chat(alice, general, 'a', { atMs: at(3, 10) }).inbound,
        community.chat(alice, general, 'b', { atMs: at(3, 10) + 60_000 }).inbound,
        community.chat(alice, random, 'c', { atMs: at(3, 14) }).inbound,
        community.chat(dave, general, 'first post, within a week of joining', { atMs: at(3, 15) }).inbound,
        community.chat(dave, general, 'again', { atMs: at(15, 15) }).inbound,
      );
      const { prisma } = harness.db;
      const where = { communityId: community.communityId };

      const daily = await prisma.communityDailyStats.findMany({ where, orderBy: { day: 'asc' } });
      expect(
        daily.map((row) => [
          day(row.day.getTime()),
          row.messages,
          row.uniquePosters,
          row.joined,
          row.memberCount,
        ]),
      ).toEqual([
        [day(at(0, 0)), 0, 0, 0, 2],
        [day(at(1, 0)), 0, 0, 1, 3],
        [day(at(3, 0)), 4, 2, 0, 3],
        [day(at(15, 0)), 1, 1, 0, 3],
      ]);
      const channels = await prisma.channelDailyStats.findMany({
        where,
        orderBy: [{ day: 'asc' }, { channelId: 'asc' }],
      });
      expect(
        channels.map((row) => [
          row.channelId === community.chatId(general) ? 'general' : 'random',
          day(row.day.getTime()),
          row.messages,
          row.uniquePosters,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['general', day(at(3, 0)), 3, 2],
          ['random', day(at(3, 0)), 1, 1],
          ['general', day(at(15, 0)), 1, 1],
        ]),
      );
      const hours = await prisma.hourlyActivity.findMany({ where, orderBy: { hour: 'asc' } });
      expect(hours.map((row) => [row.hour.getTime(), row.messages])).toEqual([
        [at(3, 10), 2],
        [at(3, 14), 1],
        [at(3, 15), 1],
        [at(15, 15), 1],
      ]);
      // Distinct posters over any window come from daily_posters: both in the week, one in the last days.
      const posters = (from: number, to: number) =>
        prisma.dailyPoster.findMany({
          where: { ...where, day: { gte: new Date(from), lt: new Date(to) } },
          distinct: ['authorKey'],
        });
      expect((await posters(at(0, 0), at(7, 0))).length).toBe(2);
      expect((await posters(at(9, 0), at(16, 0))).length).toBe(1);
      // dave joined on day 1 and posted within 7 (and so 30) days; alice was there from the start.
      expect(
        await prisma.retentionCohort.findMany({
          where,
          select: { cohortDay: true, joined: true, posted7d: true, posted30d: true },
        }),
      ).toEqual([
        { cohortDay: new Date(`${day(at(1, 0))}T00:00:00Z`), joined: 1, posted7d: 1, posted30d: 1 },
      ]);
    });

    it('counts messages of encrypted channels only as private', async () => {
      const encrypted = community.encryptedChat(alice, general, at(16, 8));
      await harness.publish(encrypted.inbound);
      const { prisma } = harness.db;
      const row = await prisma.communityDailyStats.findUniqueOrThrow({
        where: {
          communityId_day: {
            communityId: community.communityId,
            day: new Date(`${day(at(16, 0))}T00:00:00Z`),
          },
        },
      });
      expect(row).toMatchObject({ messages: 0, privateMessages: 1, uniquePosters: 0 });
      expect(
        await prisma.privateMessage.findMany({ select: { communityId: true, channelId: true } }),
      ).toEqual([{ communityId: community.communityId, channelId: community.chatId(general) }]);
      expect(await harness.counter('indexer_accepted_total', { kind: 'private' })).toBe(1);
    });
  });

  describe('routing', () => {
    it('indexes a community only while it is watched', async () => {
      const community = new TestCommunity(newKey());
      const member = newKey();
      community.addMember(member);
      const general = community.addChannel('general');
      const { prisma } = harness.db;

      await harness.publish(community.description().inbound);
      expect(await prisma.community.count({ where: { id: community.communityId } })).toBe(0);

      await harness.watch(community.communityId);
      await harness.publish(community.description().inbound);
      expect(await prisma.community.count({ where: { id: community.communityId } })).toBe(1);

      await harness.unwatch(community.communityId);
      await harness.publish(community.chat(member, general, 'nobody listens').inbound);
      expect(await prisma.message.count({ where: { communityId: community.communityId } })).toBe(0);
      // What was indexed stays readable.
      expect(await prisma.community.count({ where: { id: community.communityId } })).toBe(1);
    });

    it('learns the legacy per-channel topics of channels a description adds', async () => {
      const community = new TestCommunity(newKey());
      const member = newKey();
      community.addMember(member);
      await harness.watch(community.communityId);
      const later = community.addChannel('later');
      const onLegacyTopic = community.chat(member, later, 'on the old topic', { legacyTopic: true });
      await harness.publish(community.description().inbound, onLegacyTopic.inbound);
      expect(await harness.db.prisma.message.count({ where: { id: onLegacyTopic.messageId } })).toBe(1);
    });

    it('forwards messages on a hosted community’s request topic untouched', async () => {
      const community = new TestCommunity(newKey());
      await harness.db.prisma.community.create({ data: { id: community.communityId, kind: 'HOSTED' } });
      await harness.indexer.routes.reload();
      const request = inboundMessage(community.requestTopic(), new Uint8Array([9, 8, 7]), Date.now());
      await harness.publish(request);

      const job = await harness.requests.getJob(`request.${request.hash}`);
      expect(job?.data).toEqual({
        type: 'request.inbound',
        correlationId: request.hash,
        communityId: community.communityId,
        message: request,
      });
      expect(await harness.counter('indexer_accepted_total', { kind: 'request' })).toBe(1);
    });
  });
});
