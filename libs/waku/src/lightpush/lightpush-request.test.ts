import { describe, expect, it } from '@jest/globals';
import { proto_lightpush } from '@waku/proto';
import { bigIntToUint64, waku } from '@status-communities/proto';
import { admitPush, parseLightPushV2, parseLightPushV3 } from './lightpush-request.js';

const NOW_MS = 1_700_000_000_000;
const PUBSUB = '/waku/2/rs/16/32';
const message = (overrides: Partial<waku.WakuMessage.$Properties> = {}): waku.WakuMessage.$Properties => ({
  payload: new Uint8Array([1, 2, 3]),
  contentTopic: '/waku/1/0x12345678/rfc26',
  version: 1,
  timestamp: bigIntToUint64(BigInt(NOW_MS) * 1_000_000n),
  ...overrides,
});

describe('light push requests', () => {
  it("read the stock client's v3 and v2 encodings (same field numbers)", () => {
    const v3 = parseLightPushV3(
      proto_lightpush.LightPushRequestV3.encode({
        requestId: 'r3',
        pubsubTopic: PUBSUB,
        message: {
          payload: new Uint8Array([9]),
          contentTopic: '/waku/1/0x12345678/rfc26',
          version: 1,
          timestamp: 5n,
        },
      }),
    );
    expect(v3.ok && v3.value).toMatchObject({
      requestId: 'r3',
      pubsubTopic: PUBSUB,
      message: { version: 1 },
    });
    const v2 = parseLightPushV2(
      proto_lightpush.PushRpc.encode({
        requestId: 'r2',
        request: { pubsubTopic: PUBSUB, message: { payload: new Uint8Array([9]), contentTopic: 'c' } },
      }),
    );
    expect(v2.ok && v2.value).toMatchObject({ requestId: 'r2', pubsubTopic: PUBSUB });
    const response = waku.lightpush.LightPushResponseV3.encode({
      requestId: 'r3',
      statusCode: 421,
      statusDesc: 'no',
      relayPeerCount: 2,
    }).finish();
    expect(proto_lightpush.LightPushResponseV3.decode(response)).toMatchObject({
      requestId: 'r3',
      statusCode: 421,
      relayPeerCount: 2,
    });
  });

  it('refuse malformed frames and requests without a message or pubsub topic with 400', () => {
    expect(parseLightPushV3(Uint8Array.from([0x0a, 0xff]))).toMatchObject({
      ok: false,
      error: { requestId: '', statusCode: 400, reason: 'malformed' },
    });
    expect(
      parseLightPushV3(
        waku.lightpush.LightPushRequestV3.encode({ requestId: 'x', pubsubTopic: PUBSUB }).finish(),
      ),
    ).toMatchObject({ ok: false, error: { requestId: 'x', statusCode: 400, reason: 'no_message' } });
    expect(
      parseLightPushV3(
        waku.lightpush.LightPushRequestV3.encode({ requestId: 'x', message: message() }).finish(),
      ),
    ).toMatchObject({ ok: false, error: { statusCode: 400, reason: 'no_pubsub_topic' } });
  });

  it('admit what this node would publish on a shard it serves: 421, 413 and 420 otherwise', () => {
    const clock = { nowMs: NOW_MS };
    const admit = (pubsubTopic: string, fields: Partial<waku.WakuMessage.$Properties> = {}) =>
      admitPush(
        { requestId: 'r', pubsubTopic, message: waku.WakuMessage.create(message(fields)) },
        [32, 64],
        clock,
      );
    expect(admit(PUBSUB)).toEqual({ ok: true });
    expect(admit('/waku/2/rs/16/128')).toMatchObject({
      ok: false,
      error: { statusCode: 421, reason: 'foreign_shard' },
    });
    expect(admit('/waku/2/rs/1/32')).toMatchObject({ ok: false, error: { statusCode: 421 } });
    expect(admit(PUBSUB, { payload: new Uint8Array(150 * 1024) })).toMatchObject({
      ok: false,
      error: { statusCode: 413, reason: 'oversize' },
    });
    const staleNs = BigInt(NOW_MS - 21_000) * 1_000_000n;
    expect(admit(PUBSUB, { timestamp: bigIntToUint64(staleNs) })).toMatchObject({
      ok: false,
      error: { statusCode: 420, reason: 'stale_timestamp' },
    });
    expect(admit(PUBSUB, { version: 0 })).toMatchObject({
      ok: false,
      error: { statusCode: 420, reason: 'unsupported_version' },
    });
    expect(admit(PUBSUB, { payload: new Uint8Array() })).toMatchObject({
      ok: false,
      error: { statusCode: 420, reason: 'empty_payload' },
    });
  });
});
