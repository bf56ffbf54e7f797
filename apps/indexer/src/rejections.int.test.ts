import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeSymmetric, generatePrivateKey, symKeyFor } from '@status-communities/crypto';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import type { InboundWakuMessage } from '@status-communities/queue';
import { inboundMessage, newKey, TestCommunity } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

/** Every table the indexer writes. */
const TABLES = [
  'communities',
  'community_images',
  'description_snapshots',
  'categories',
  'channels',
  'members',
  'member_events',
  'bans',
  'messages',
  'message_edits',
  'reactions',
  'private_messages',
  'community_daily_stats',
  'daily_posters',
  'channel_daily_stats',
  'channel_daily_posters',
  'hourly_activity',
  'retention_cohorts',
  'event_outbox',
];

/** A fingerprint of everything stored: equal fingerprints, nothing changed. */
const fingerprint = async (harness: Harness): Promise<Record<string, string>> => {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const [row] = await harness.db.prisma.$queryRawUnsafe<{ digest: string | null }[]>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
      );
      return [table, row?.digest ?? 'empty'] as const;
    }),
  );
  return Object.fromEntries(entries);
};

describe('bad input: rejected with its reason in the metrics, nothing stored changes', () => {
  let harness: Harness;
  const owner = newKey();
  const alice = newKey();
  const mallory = newKey();
  const community = new TestCommunity(owner);
  community.addMember(alice);
  const general = community.addChannel('general');
  /** The clock of the description stored; rejected ones move the publisher's clock, so tests put it back. */
  let storedClock = 0;

  /** Publishes, and checks the reason was counted once and nothing stored or announced changed. */
  const expectRejected = async (reason: string, ...messages: InboundWakuMessage[]) => {
    const before = await fingerprint(harness);
    const events = (await harness.events()).length;
    const counted = await harness.counter('indexer_rejected_total', { reason });
    await harness.publish(...messages);
    expect(await harness.counter('indexer_rejected_total', { reason })).toBe(counted + messages.length);
    expect(await fingerprint(harness)).toEqual(before);
    expect((await harness.events()).length).toBe(events);
  };

  beforeAll(async () => {
    harness = await startHarness();
    await harness.watch(community.communityId);
    await harness.publish(community.description().inbound);
    storedClock = community.clock;
    await harness.publish(community.chat(alice, general, 'hello').inbound);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('a forged description: signed by a key that is not the community’s', async () => {
    community.name = 'Taken over';
    community.addMember(mallory, ['OWNER']);
    await expectRejected('wrong-signer', community.description({ signer: generatePrivateKey() }).inbound);
    community.removeMember(mallory);
    community.name = 'Test community';
    community.clock = storedClock;
  });

  it('a clock regression: an older description after a newer one', async () => {
    community.removeMember(alice);
    await expectRejected('clock-regression', community.description({ clock: storedClock - 60_000 }).inbound);
    community.addMember(alice);
    community.clock = storedClock;
  });

  it('a replayed channel message, in a new envelope or as the same Waku message again', async () => {
    const hello = community.chat(alice, general, 'once');
    await harness.publish(hello.inbound);
    const rows = await harness.db.prisma.message.count();

    // The same Status message re-broadcast: another Waku message (its own hash), the same message id.
    const rebroadcast = { ...hello.inbound, hash: randomBytes(32).toString('hex') };
    await expectRejected('duplicate', rebroadcast);

    // The same Waku message again once the queue has forgotten it (a store back-fill after the dedup window).
    const job = await harness.inbound.getJob(hello.inbound.hash);
    await job?.remove();
    await harness.inbound.removeDeduplicationKey(hello.inbound.hash);
    await expectRejected('duplicate', hello.inbound);
    expect(await harness.db.prisma.message.count()).toBe(rows);
  });

  it('a replayed description: the same clock again changes nothing but the sign of life', async () => {
    const replay = community.description({ clock: storedClock }).inbound;
    const snapshots = await harness.db.prisma.descriptionSnapshot.count();
    const events = (await harness.events()).length;
    const counted = await harness.counter('indexer_rejected_total', { reason: 'duplicate' });
    await harness.publish(replay);
    expect(await harness.counter('indexer_rejected_total', { reason: 'duplicate' })).toBe(counted + 1);
    expect(await harness.db.prisma.descriptionSnapshot.count()).toBe(snapshots);
    expect((await harness.events()).length).toBe(events);
  });

  it('a message from someone who is not a member, once no description has admitted them in time', async () => {
    const before = await fingerprint(harness);
    const events = (await harness.events()).length;
    const counted = await harness.counter('indexer_rejected_total', { reason: 'not-a-member' });
    await harness.publish(community.chat(mallory, general, 'buy my token').inbound);
    expect(await harness.db.prisma.heldMessage.count()).toBe(1);

    harness.passTime(harness.config.INDEXER_HOLD_MAX_AGE_SECONDS * 1000 + 1);
    await harness.indexer.sweepHeld();
    expect(await harness.counter('indexer_rejected_total', { reason: 'not-a-member' })).toBe(counted + 1);
    expect(await harness.db.prisma.heldMessage.count()).toBe(0);
    expect(await fingerprint(harness)).toEqual(before);
    expect((await harness.events()).length).toBe(events);
  });

  it('garbage bytes on a watched topic', async () => {
    const chatId = memberUpdateChatId(community.communityId);
    const topic = contentTopicForChatId(chatId);
    await expectRejected('decryption-failed', inboundMessage(topic, randomBytes(300), Date.now()));
    await expectRejected('malformed-payload', inboundMessage(topic, randomBytes(7), Date.now()));
    // Encrypted with the right key and signed, but nothing Status inside.
    const sealedGarbage = encodeSymmetric(
      randomBytes(64).fill(0xff),
      symKeyFor(chatId),
      generatePrivateKey(),
    );
    await expectRejected('malformed-protobuf', inboundMessage(topic, sealedGarbage, Date.now()));
  });
});
