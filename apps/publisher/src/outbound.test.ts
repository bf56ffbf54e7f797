import { describe, expect, it } from '@jest/globals';
import { ok } from '@status-communities/errors';
import { DEFAULT_SHARD_PROFILE } from '@status-communities/protocol';
import type { EncodedStatusMessage } from '@status-communities/protocol';
import { encodeForDestination } from './outbound.js';

const chatId = `0x02${'ab'.repeat(32)}`;

describe('outbound messages', () => {
  it('encodes once per pubsub topic of the destination, each encoding on its own topic', () => {
    let calls = 0;
    const routed = encodeForDestination(
      { kind: 'channelMessage', chatId, communityShard: null, profile: DEFAULT_SHARD_PROFILE },
      () => {
        calls += 1;
        const payloads = [Uint8Array.of(calls, 1), Uint8Array.of(calls, 2)];
        return ok({
          payloads,
          messageId: `0x${calls}`,
          applicationMessage: new Uint8Array(),
        } as EncodedStatusMessage);
      },
    );
    if (!routed.ok) throw routed.error;
    expect(calls).toBe(2);
    expect(routed.value.encoded.messageId).toBe('0x1');
    expect(routed.value.messages.map((message) => [message.pubsubTopic, [...message.payload]])).toEqual([
      ['/waku/2/rs/16/256', [1, 1]],
      ['/waku/2/rs/16/256', [1, 2]],
      ['/waku/2/rs/16/32', [2, 1]],
      ['/waku/2/rs/16/32', [2, 2]],
    ]);
  });
});
