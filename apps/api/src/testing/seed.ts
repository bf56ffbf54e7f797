import { createECDH, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@status-communities/db';

/** A real secp256k1 key pair's public halves, as Status writes them. */
export const newKeys = () => {
  const ecdh = createECDH('secp256k1');
  ecdh.generateKeys();
  return {
    compressed: `0x${ecdh.getPublicKey('hex', 'compressed')}`,
    uncompressed: `0x${ecdh.getPublicKey('hex', 'uncompressed')}`,
  };
};

export const hex = (bytes = 32): string => `0x${randomBytes(bytes).toString('hex')}`;

export interface SeededCommunity {
  readonly id: string;
  readonly channelId: string;
  readonly channelUuid: string;
  readonly members: string[];
  /** Message ids, oldest first. */
  readonly messages: string[];
  readonly requestId: string;
}

const DAY_MS = 86_400_000;
export const SEED_DAY = new Date('2026-11-02T00:00:00Z');

/**
 * A community as the indexer (watched) or publisher (hosted) leaves it: description fields, a channel and a
 * category, members, a ban, a pending request, a snapshot, 30 messages (one edited, one deleted, one pinned,
 * one a reply, reactions) and the roll-up rows of two days.
 */
export const seedCommunity = async (
  prisma: PrismaClient,
  options: { kind: 'HOSTED' | 'WATCHED'; tenantId?: string; name: string; tags?: string[] },
): Promise<SeededCommunity> => {
  const id = newKeys().compressed;
  const channelUuid = crypto.randomUUID();
  const channelId = id + channelUuid;
  const members = Array.from({ length: 5 }, () => newKeys().uncompressed);
  await prisma.community.create({
    data: {
      id,
      kind: options.kind,
      tenantId: options.tenantId ?? null,
      name: options.name,
      description: `About ${options.name}`,
      color: '#887af9',
      tags: options.tags ?? ['Ethereum'],
      access: 'MANUAL_ACCEPT',
      memberCount: members.length,
      clock: 1_700_000_000n,
      categories: { create: [{ categoryId: 'cat-1', name: 'General', position: 0 }] },
      channels: {
        create: [
          { id: channelId, uuid: channelUuid, name: 'general', color: '#887af9', categoryId: 'cat-1' },
        ],
      },
      members: {
        create: members.map((memberKey, index) => ({
          memberKey,
          roles: index === 0 ? ['OWNER' as const] : [],
          joinedAt: new Date(SEED_DAY.getTime() + index * 1000),
        })),
      },
      snapshots: {
        create: [{ clock: 1_700_000_000n, memberCount: members.length, rawHash: randomBytes(32) }],
      },
    },
  });
  const banned = newKeys().uncompressed;
  await prisma.ban.create({ data: { communityId: id, memberKey: banned, clock: 1n, bannedAt: SEED_DAY } });
  const requestId = hex();
  await prisma.requestToJoin.create({
    data: {
      id: requestId,
      communityId: id,
      requesterKey: newKeys().uncompressed,
      clock: 5n,
      displayName: 'newcomer',
    },
  });
  const messages = Array.from({ length: 30 }, () => hex());
  await prisma.message.createMany({
    data: messages.map((messageId, index) => ({
      id: messageId,
      communityId: id,
      channelId,
      authorKey: members[index % 3] as string,
      clock: BigInt(1_000 + index),
      timestamp: new Date(SEED_DAY.getTime() + index * 60_000),
      text: `message ${index}`,
      currentText: index === 3 ? 'message 3, edited' : `message ${index}`,
      contentType: 1,
      responseTo: index === 5 ? messages[4] : null,
      raw: randomBytes(8),
      editCount: index === 3 ? 1 : 0,
      deleted: index === 2,
      pinned: index === 1,
    })),
  });
  await prisma.messageEdit.create({
    data: {
      id: hex(),
      messageId: messages[3] as string,
      editorKey: members[0] as string,
      clock: 2_000n,
      text: 'message 3, edited',
    },
  });
  await prisma.reaction.createMany({
    data: [
      {
        messageId: messages[0] as string,
        memberKey: members[1] as string,
        type: 'LOVE',
        communityId: id,
        clock: 1n,
      },
      {
        messageId: messages[0] as string,
        memberKey: members[2] as string,
        type: 'LOVE',
        communityId: id,
        clock: 1n,
      },
      {
        messageId: messages[0] as string,
        memberKey: members[3] as string,
        type: 'SAD',
        communityId: id,
        clock: 1n,
        retracted: true,
      },
    ],
  });
  const day2 = new Date(SEED_DAY.getTime() + DAY_MS);
  await prisma.communityDailyStats.createMany({
    data: [
      { communityId: id, day: SEED_DAY, messages: 20, uniquePosters: 3, joined: 5, memberCount: 5 },
      {
        communityId: id,
        day: day2,
        messages: 10,
        uniquePosters: 2,
        left: 1,
        memberCount: 4,
        privateMessages: 2,
      },
    ],
  });
  await prisma.channelDailyStats.createMany({
    data: [
      { channelId, communityId: id, day: SEED_DAY, messages: 20, uniquePosters: 3 },
      { channelId, communityId: id, day: day2, messages: 10, uniquePosters: 2 },
    ],
  });
  await prisma.dailyPoster.createMany({
    data: [
      ...members.slice(0, 3).map((authorKey) => ({ communityId: id, day: SEED_DAY, authorKey, messages: 5 })),
      ...members.slice(2, 4).map((authorKey) => ({ communityId: id, day: day2, authorKey, messages: 5 })),
    ],
  });
  // 2026-11-02 is a Monday: weekday 1.
  await prisma.hourlyActivity.createMany({
    data: [
      { communityId: id, hour: new Date(SEED_DAY.getTime() + 9 * 3_600_000), messages: 20 },
      { communityId: id, hour: new Date(day2.getTime() + 14 * 3_600_000), messages: 10 },
    ],
  });
  await prisma.retentionCohort.create({
    data: { communityId: id, cohortDay: SEED_DAY, joined: 5, posted7d: 3, posted30d: 4 },
  });
  return { id, channelId, channelUuid, members, messages, requestId };
};

/** A bot identity of the tenant as the publisher makes it (its key sealed in the keyring; here a stand-in). */
export const seedBot = async (prisma: PrismaClient, tenantId: string, displayName = 'Test Bot') => {
  const publicKey = newKeys().uncompressed;
  const key = await prisma.keyringSecret.create({
    data: {
      tenantId,
      purpose: 'IDENTITY_KEY',
      publicKey,
      algorithm: 'aes-256-gcm',
      masterKeyId: 'k1',
      material: randomBytes(60),
    },
  });
  return prisma.identity.create({ data: { tenantId, publicKey, displayName, keyId: key.id } });
};
