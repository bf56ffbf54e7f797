import { describe, expect, it } from '@jest/globals';
import { bytesToHex, publicKeyFromPrivateKey, utf8ToBytes } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  MVDS_EPOCH_MS,
  MVDS_MAX_SEND_COUNT,
  encodeMvdsPayload,
  mvdsMessageId,
  mvdsResendDelayMs,
  oneToOneGroupId,
  unwrapDatasync,
} from './mvds.js';
import { alicePrivateKey, bobPrivateKey } from './testing/fixtures.js';

const alice = publicKeyFromPrivateKey(alicePrivateKey);
const bob = publicKeyFromPrivateKey(bobPrivateKey, { compressed: true });

describe('MVDS (one-to-one.md §3.3 and §4 vectors)', () => {
  it('1:1 group id of Alice and Bob, the same from both sides', () => {
    const group = unwrap(oneToOneGroupId(alice, bob));
    expect(bytesToHex(group)).toBe('b3fd37e6f244485cfce561bde68c1bb919ae484ddd46fa58eea6c7d25e07ef22');
    expect(unwrap(oneToOneGroupId(bob, alice))).toEqual(group);
  });

  it('message id of "hello" at 1700000000 in that group', () => {
    const groupId = unwrap(oneToOneGroupId(alice, bob));
    const id = mvdsMessageId({ groupId, timestamp: 1_700_000_000n, body: utf8ToBytes('hello') });
    expect(bytesToHex(id)).toBe('e1b28ceaf2944e766626c976b22107776b140e9705ac4dc9cd623f2e4874cd81');
  });

  it('messages round-trip with their ids; acks alone are MVDS too', () => {
    const groupId = unwrap(oneToOneGroupId(alice, bob));
    const message = { groupId, timestamp: 1_700_000_000n, body: utf8ToBytes('amm bytes') };
    const unwrapped = unwrapDatasync(encodeMvdsPayload({ messages: [message] }));
    if (unwrapped.kind !== 'mvds') throw new Error('expected MVDS');
    expect(unwrapped.messages).toEqual([{ ...message, id: mvdsMessageId(message) }]);
    const ack = unwrapDatasync(encodeMvdsPayload({ acks: [mvdsMessageId(message)] }));
    expect(ack).toEqual({ kind: 'mvds', acks: [mvdsMessageId(message)], messages: [] });
  });

  it('a bare AMM, an empty payload and garbage are "bare", unchanged', () => {
    const amm = encodeProto(status.ApplicationMetadataMessage, {
      signature: new Uint8Array(65),
      payload: utf8ToBytes('x'),
      type: 1,
    });
    for (const bytes of [amm, new Uint8Array(0), Uint8Array.of(0xff, 0xff, 0xff)])
      expect(unwrapDatasync(bytes)).toEqual({ kind: 'bare', bytes });
  });

  it('re-send schedule doubles from 90 epochs, with 0..29 epochs of jitter, and stops after 15 sends', () => {
    expect(mvdsResendDelayMs(1, 0)).toBe(90 * MVDS_EPOCH_MS);
    expect(mvdsResendDelayMs(2, 5)).toBe((180 + 5) * MVDS_EPOCH_MS);
    expect(mvdsResendDelayMs(3, 99)).toBe((360 + 29) * MVDS_EPOCH_MS);
    expect(mvdsResendDelayMs(MVDS_MAX_SEND_COUNT - 1, 0)).toBe(2 ** 13 * 90 * MVDS_EPOCH_MS);
    expect(mvdsResendDelayMs(MVDS_MAX_SEND_COUNT, 0)).toBeNull();
  });
});
