import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { symKeyFor } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { bigIntToUint64 } from '@status-communities/proto';
import { readCommunityDescription, validateCommunityDescription } from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import { MAX_MESSAGE_BYTES, encodePublishable } from '@status-communities/waku';
import type { Publisher } from './service.js';
import { byPubsubTopic, decodeMessages } from './testing/decode.js';
import { createCommunity } from './testing/fixtures.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const MEMBERS = 5_000;

describe('publisher: a 5,000-member community', () => {
  let h: Harness;
  let publisher: Publisher;
  beforeAll(async () => {
    h = await createHarness('large');
    publisher = await h.start();
  });
  afterAll(() => h.close());

  it('publishes its description in SegmentMessages that fit the fleet limit and reassemble', async () => {
    const { communityId, ownerKey } = await createCommunity(h, 'Crowded');
    const memberKeys = Array.from({ length: MEMBERS }, () => SecretKey.generate().publicKeyHex);
    // As the request handler accepts members: rows, then a command that bumps the clock.
    await h.prisma.member.createMany({
      data: memberKeys.map((memberKey) => ({ communityId, memberKey, joinedAt: new Date() })),
    });
    const job = await h.command({
      type: 'community.update',
      actor: 'test',
      correlationId: randomUUID(),
      communityId,
      identity: { description: 'Now with 5,000 members' },
    });
    expect(job.returnvalue.changed).toBe(true);

    const messages = await h.waitForOutbound(4, 30_000);
    const topics = byPubsubTopic(messages);
    expect([...topics.keys()]).toEqual(['/waku/2/rs/16/128', '/waku/2/rs/16/32']);
    for (const message of messages) {
      // The gateway's own check: encoded size within 150 KiB, version 1, timestamp near now.
      const encoded = encodePublishable(
        {
          payload: base64ToBytes(message.payload),
          contentTopic: message.contentTopic,
          version: message.version,
          timestamp: bigIntToUint64(BigInt(message.timestamp)),
        },
        { nowMs: Date.now() },
      );
      expect(encoded.ok).toBe(true);
      if (encoded.ok) expect(encoded.value.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    }

    for (const [, onTopic] of topics) {
      expect(onTopic.length).toBeGreaterThanOrEqual(4);
      const decoded = decodeMessages(onTopic, { symKey: symKeyFor(communityId) });
      expect(decoded).toHaveLength(1);
      const [whole] = decoded;
      if (whole?.typeName !== 'COMMUNITY_DESCRIPTION') throw new Error('not a description');
      expect(whole.layers).toEqual(['segments']);
      expect(whole.applicationMessage.length).toBeGreaterThan(MAX_MESSAGE_BYTES * 3);
      expect(validateCommunityDescription(whole.message).ok).toBe(true);
      const description = unwrap(readCommunityDescription(whole.message, communityId));
      expect(description.members.size).toBe(MEMBERS + 1);
      expect(description.members.get(ownerKey)?.roles).toEqual(['OWNER']);
      expect(description.members.has(memberKeys[4_321] ?? '')).toBe(true);
      expect(description.clock).toBe(job.returnvalue.clock);
    }

    const row = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    expect(row.memberCount).toBe(MEMBERS + 1);
    // The creation's description and this one: sizes and segment counts of both are recorded.
    const metrics = await publisher.metrics.render();
    expect(metrics).toMatch(/publisher_description_bytes_count\{service="publisher"\} 2/);
    const bytesSum = /publisher_description_bytes_sum\{service="publisher"\} (\d+)/.exec(metrics)?.[1];
    expect(Number(bytesSum)).toBeGreaterThan(MAX_MESSAGE_BYTES * 3);
  });
});
