import { describe, expect, it } from '@jest/globals';
import {
  BotMessageCommandSchema,
  CommunityCommandSchema,
  DomainEventSchema,
  InboundWakuMessageSchema,
  OutboundWakuMessageSchema,
  QueueName,
  base64ToBytes,
  bytesToBase64,
  parseJobData,
} from '../index.js';

const inbound = {
  pubsubTopic: '/waku/2/rs/16/32',
  contentTopic: '/waku/1/0x12345678/rfc26',
  payload: 'AAEC/w==',
  version: 1,
  timestamp: '18446744073709551615',
  hash: 'ab'.repeat(32),
  receivedAt: 1_732_531_200_000,
  correlationId: 'c-1',
};

describe('job payload schemas', () => {
  it('round-trips bytes through base64, views into larger buffers included', () => {
    const backing = Uint8Array.of(9, 0, 1, 2, 255, 9);
    const view = backing.subarray(1, 5);
    expect(bytesToBase64(view)).toBe('AAEC/w==');
    expect(base64ToBytes('AAEC/w==')).toEqual(Uint8Array.of(0, 1, 2, 255));
    expect(base64ToBytes('')).toEqual(new Uint8Array());
  });

  it('accepts an inbound Waku message, keeping uint64 timestamps exact as decimal strings', () => {
    const parsed = InboundWakuMessageSchema.parse(inbound);
    expect(parsed.timestamp).toBe('18446744073709551615');
    expect(InboundWakuMessageSchema.parse({ ...inbound, timestamp: undefined }).timestamp).toBeUndefined();
  });

  it.each([
    ['an uppercase hash', { hash: 'AB'.repeat(32) }, 'hash'],
    ['a 0x-prefixed hash', { hash: `0x${'ab'.repeat(31)}` }, 'hash'],
    ['a hex payload', { payload: 'zz' }, 'payload'],
    ['a numeric timestamp', { timestamp: 1 }, 'timestamp'],
    ['a timestamp past uint64', { timestamp: '184467440737095516150' }, 'timestamp'],
    ['a negative version', { version: -1 }, 'version'],
    ['an empty content topic', { contentTopic: '' }, 'contentTopic'],
  ])('rejects %s and names the field', (_label, change, field) => {
    const result = parseJobData(QueueName.WAKU_INBOUND, { ...inbound, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details['issues']).toEqual([expect.stringMatching(`^${field}:`)]);
  });

  it('requires a timestamp on outbound messages (the platform always stamps what it publishes)', () => {
    const { hash: _hash, receivedAt: _receivedAt, ...outbound } = inbound;
    expect(OutboundWakuMessageSchema.safeParse(outbound).success).toBe(true);
    expect(OutboundWakuMessageSchema.safeParse({ ...outbound, timestamp: undefined }).success).toBe(false);
  });

  it('discriminates commands by type and checks each variant its own way', () => {
    const base = { correlationId: 'c', actor: 'api-key-1', communityId: `0x02${'00'.repeat(32)}` };
    expect(
      CommunityCommandSchema.safeParse({ ...base, type: 'channel.delete', channelId: 'general' }).success,
    ).toBe(true);
    const badUuid = CommunityCommandSchema.safeParse({
      ...base,
      type: 'channel.upsert',
      channelId: 'general',
      name: 'general',
      description: '',
      emoji: '',
      color: '#887af9',
      viewersCanPostReactions: true,
    });
    expect(badUuid.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['channelId']);
    expect(CommunityCommandSchema.safeParse({ ...base, type: 'community.explode' }).success).toBe(false);
    expect(
      BotMessageCommandSchema.safeParse({
        ...base,
        type: 'reaction.set',
        botKey: `0x04${'01'.repeat(64)}`,
        channelId: 'general',
        messageId: `0x${'aa'.repeat(32)}`,
        emoji: 'THUMBS_UP',
        retracted: false,
      }).success,
    ).toBe(true);
  });

  it('rejects events with an unknown type or a malformed key', () => {
    const event = {
      type: 'member.banned',
      communityId: `0x03${'11'.repeat(32)}`,
      occurredAt: 1,
      memberKey: `0x04${'22'.repeat(64)}`,
      deleteAllMessages: true,
    };
    expect(DomainEventSchema.safeParse(event).success).toBe(true);
    expect(DomainEventSchema.safeParse({ ...event, type: 'member.exploded' }).success).toBe(false);
    expect(DomainEventSchema.safeParse({ ...event, memberKey: `0x02${'22'.repeat(32)}` }).success).toBe(
      false,
    );
  });
});
