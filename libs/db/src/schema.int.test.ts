import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Prisma } from './index.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

const COMMUNITY = `0x02${'c0'.repeat(32)}`;
const CHANNEL_UUID = '8b9f4c2e-3a1d-4e5f-9a7b-0c1d2e3f4a5b';
const CHANNEL = `${COMMUNITY}${CHANNEL_UUID}`;
const ALICE = `0x04${'a1'.repeat(64)}`;
const BOB = `0x04${'b2'.repeat(64)}`;
const MESSAGE = `0x${'11'.repeat(32)}`;
const EDIT = `0x${'22'.repeat(32)}`;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const { prisma } = db;
  await prisma.community.create({
    data: {
      id: COMMUNITY,
      kind: 'WATCHED',
      name: 'Status',
      tags: ['Web3', 'Privacy'],
      access: 'AUTO_ACCEPT',
      clock: 1_700_000_000_123n,
      shardCluster: 16,
      shardIndex: 32,
      descriptionRaw: Uint8Array.from([1, 2, 3]),
      categories: { create: { categoryId: 'general', name: 'General', position: 0 } },
    },
  });
  await prisma.channel.create({
    data: { id: CHANNEL, communityId: COMMUNITY, uuid: CHANNEL_UUID, name: 'welcome', categoryId: 'general' },
  });
});
afterAll(() => db.drop());

describe('the schema on a fresh database', () => {
  it('stores a community with channels, members, a message with an edit and a reaction, and reads it back', async () => {
    const { prisma } = db;
    const joinedAt = new Date('2026-01-01T00:00:00Z');
    await prisma.member.createMany({
      data: [
        { communityId: COMMUNITY, memberKey: ALICE, roles: ['OWNER', 'ADMIN'], joinedAt },
        { communityId: COMMUNITY, memberKey: BOB, joinedAt },
      ],
    });
    await prisma.memberEvent.create({
      data: {
        communityId: COMMUNITY,
        memberKey: BOB,
        type: 'JOINED',
        clock: 1_700_000_000_123n,
        at: joinedAt,
      },
    });
    await prisma.message.create({
      data: {
        id: MESSAGE,
        communityId: COMMUNITY,
        channelId: CHANNEL,
        authorKey: BOB,
        clock: 1_700_000_000_500n,
        timestamp: new Date('2026-01-02T10:00:00.123Z'),
        text: 'hello',
        currentText: 'hello',
        contentType: 1,
        raw: Uint8Array.from([9, 8, 7]),
        wakuHash: randomBytes(32),
      },
    });
    await prisma.$transaction([
      prisma.messageEdit.create({
        data: {
          id: EDIT,
          messageId: MESSAGE,
          editorKey: BOB,
          clock: 1_700_000_000_600n,
          text: 'hello, world',
        },
      }),
      prisma.message.update({
        where: { id: MESSAGE },
        data: {
          currentText: 'hello, world',
          editCount: { increment: 1 },
          editedAt: new Date(),
          editClock: 1_700_000_000_600n,
        },
      }),
      prisma.reaction.create({
        data: {
          messageId: MESSAGE,
          memberKey: ALICE,
          type: 'THUMBS_UP',
          communityId: COMMUNITY,
          clock: 1_700_000_000_700n,
        },
      }),
    ]);

    const community = await prisma.community.findUniqueOrThrow({
      where: { id: COMMUNITY },
      include: {
        channels: { include: { category: true } },
        members: { orderBy: { memberKey: 'asc' } },
        memberEvents: true,
        messages: { include: { edits: true, reactions: true } },
      },
    });

    expect(community).toMatchObject({
      name: 'Status',
      tags: ['Web3', 'Privacy'],
      clock: 1_700_000_000_123n,
      shardIndex: 32,
    });
    expect(Array.from(community.descriptionRaw ?? [])).toEqual([1, 2, 3]);
    expect(community.channels).toEqual([
      expect.objectContaining({
        id: CHANNEL,
        name: 'welcome',
        deleted: false,
        category: expect.objectContaining({ name: 'General' }),
      }),
    ]);
    expect(community.members.map((m) => [m.memberKey, m.roles, m.state])).toEqual([
      [ALICE, ['OWNER', 'ADMIN'], 'ACTIVE'],
      [BOB, [], 'ACTIVE'],
    ]);
    expect(community.memberEvents).toEqual([expect.objectContaining({ memberKey: BOB, type: 'JOINED' })]);
    const [message] = community.messages;
    expect(message).toMatchObject({
      text: 'hello',
      currentText: 'hello, world',
      editCount: 1,
      clock: 1_700_000_000_500n,
    });
    expect(message?.timestamp.toISOString()).toBe('2026-01-02T10:00:00.123Z');
    expect(message?.edits).toEqual([expect.objectContaining({ id: EDIT, text: 'hello, world' })]);
    expect(message?.reactions).toEqual([
      expect.objectContaining({ memberKey: ALICE, type: 'THUMBS_UP', retracted: false }),
    ]);
  });

  it('keeps one row per message id, reaction and member event however often they are written', async () => {
    const { prisma } = db;
    const id = `0x${'33'.repeat(32)}`;
    const message = {
      id,
      communityId: COMMUNITY,
      channelId: CHANNEL,
      authorKey: ALICE,
      clock: 1_700_000_001_000n,
      timestamp: new Date('2026-01-03T00:00:00Z'),
      text: 'twice',
      currentText: 'twice',
      contentType: 1,
      raw: Uint8Array.from([1]),
    };
    await prisma.message.upsert({ where: { id }, create: message, update: {} });
    await prisma.message.upsert({ where: { id }, create: message, update: {} });
    expect(await prisma.message.createMany({ data: [message], skipDuplicates: true })).toEqual({ count: 0 });
    await expect(prisma.message.create({ data: message })).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.message.count({ where: { id } })).toBe(1);

    const reaction = { messageId_memberKey_type: { messageId: id, memberKey: BOB, type: 'LOVE' as const } };
    const create = {
      messageId: id,
      memberKey: BOB,
      type: 'LOVE' as const,
      communityId: COMMUNITY,
      clock: 1n,
    };
    await prisma.reaction.upsert({ where: reaction, create, update: {} });
    await prisma.reaction.upsert({ where: reaction, create, update: { retracted: true, clock: 2n } });
    expect(await prisma.reaction.findMany({ where: { messageId: id } })).toEqual([
      expect.objectContaining({ retracted: true, clock: 2n }),
    ]);

    const event = {
      communityId: COMMUNITY,
      memberKey: ALICE,
      type: 'ROLE_CHANGED' as const,
      clock: 5n,
      at: new Date(),
    };
    await prisma.memberEvent.createMany({ data: [event], skipDuplicates: true });
    await prisma.memberEvent.createMany({ data: [event], skipDuplicates: true });
    expect(await prisma.memberEvent.count({ where: { memberKey: ALICE, type: 'ROLE_CHANGED' } })).toBe(1);
  });

  it('pages the Waku archive by (timestamp, hash) cursor, the order the Store protocol serves', async () => {
    const { prisma } = db;
    const pubsubTopic = '/waku/2/rs/16/32';
    const contentTopic = '/waku/1/0x1234abcd/rfc26';
    // Pairs of messages share a timestamp, so the hash has to break ties.
    const rows = Array.from({ length: 10 }, (_, i) => ({
      hash: randomBytes(32),
      pubsubTopic,
      contentTopic,
      timestamp: 1_767_225_600_000_000_000n + BigInt(Math.floor(i / 2)) * 1_000_000n,
      payload: Uint8Array.from([i]),
    }));
    const other = { ...rows[0]!, hash: randomBytes(32), contentTopic: '/waku/1/0xffffffff/rfc26' };
    await prisma.wakuMessage.createMany({ data: [...rows, other] });
    expect(await prisma.wakuMessage.createMany({ data: rows, skipDuplicates: true })).toEqual({ count: 0 });

    const expected = [...rows]
      .sort((a, b) =>
        a.timestamp === b.timestamp ? Buffer.compare(a.hash, b.hash) : a.timestamp < b.timestamp ? -1 : 1,
      )
      .map((row) => row.payload[0]);
    const where = { pubsubTopic, contentTopic: { in: [contentTopic] } };
    const orderBy = [{ timestamp: 'asc' as const }, { hash: 'asc' as const }];
    const seen: (number | undefined)[] = [];
    let cursor: Uint8Array<ArrayBuffer> | undefined;
    for (;;) {
      const page = await prisma.wakuMessage.findMany({
        where,
        orderBy,
        take: 3,
        ...(cursor ? { cursor: { hash: cursor }, skip: 1 } : {}),
      });
      seen.push(...page.map((row) => row.payload[0]));
      if (page.length < 3) break;
      cursor = page.at(-1)?.hash;
    }
    expect(seen).toEqual(expected);

    // The same page as a Store service writes it in SQL, served from the topic/timestamp/hash index.
    const [after] = rows.slice(3, 4);
    const sql = Prisma.sql`
      SELECT payload FROM waku_messages
      WHERE pubsub_topic = ${pubsubTopic} AND content_topic = ANY(${[contentTopic]})
        AND (timestamp, hash) > (${after!.timestamp}, ${after!.hash})
      ORDER BY timestamp, hash LIMIT 3`;
    const page = await prisma.$queryRaw<{ payload: Uint8Array }[]>(sql);
    const from = expected.indexOf(after!.payload[0]) + 1;
    expect(page.map((row) => row.payload[0])).toEqual(expected.slice(from, from + 3));
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql}`);
    });
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain(
      'waku_messages_pubsub_topic_content_topic_timestamp_hash_idx',
    );
  });

  it('deletes a community with everything that hangs off it', async () => {
    const { prisma } = db;
    const id = `0x03${'d4'.repeat(32)}`;
    const channelId = `${id}${CHANNEL_UUID}`;
    await prisma.community.create({
      data: {
        id,
        kind: 'HOSTED',
        categories: { create: { categoryId: 'c', name: 'C', position: 0 } },
        channels: { create: { id: channelId, uuid: CHANNEL_UUID, name: 'x', categoryId: 'c' } },
      },
    });

    await prisma.community.delete({ where: { id } });

    expect(await prisma.channel.count({ where: { communityId: id } })).toBe(0);
    expect(await prisma.category.count({ where: { communityId: id } })).toBe(0);
  });
});
