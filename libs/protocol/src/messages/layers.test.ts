import { describe, expect, it } from '@jest/globals';
import { bytesToHex, concatBytes, hexToBytesOrThrow } from '@status-communities/crypto';
import { encodeProto, sds, status } from '@status-communities/proto';
import { unwrapLayers } from './layers.js';
import type { UnwrappedLayers } from './layers.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const amms = vectors.applicationMetadataMessages.map((v) => [v.what, hexToBytesOrThrow(v.ammBytes)] as const);
const [, chatAmm] = amms[1]!;
const groupId = hexToBytesOrThrow(vectors.keys.community.compressed);

const ProtocolMessage = status.encryption.ProtocolMessage;
const protocolMessage = (message: status.encryption.ProtocolMessage.$Properties): Uint8Array =>
  encodeProto(ProtocolMessage, message);
const sdsMessage = (content: Uint8Array | undefined): Uint8Array =>
  encodeProto(sds.Message, {
    senderId: 'sender-1',
    messageId: 'b4e2…',
    channelId: vectors.keys.community.compressed,
    lamportTimestamp: 1700000000123,
    causalHistory: [{ messageId: 'prev' }],
    ...(content && { content }),
  });
// What status-go's BuildPublicMessage adds around a public AMM.
const statusGoBundle = {
  identity: new Uint8Array(33).fill(3),
  signedPreKeys: {
    'e9f4a0d6-0b9b-4a56-8d5c-2b3c4d5e6f70': { signedPreKey: new Uint8Array(33).fill(2), version: 1 },
  },
  signature: new Uint8Array(65).fill(9),
  timestamp: 1700000000000,
};

const application = (result: UnwrappedLayers): Extract<UnwrappedLayers, { kind: 'application' }> => {
  if (result.kind !== 'application') throw new Error(`expected application bytes, got ${result.kind}`);
  return result;
};

describe('unwrapLayers', () => {
  it.each(amms)('passes a bare AMM through untouched: %s', (_what, amm) => {
    const result = application(unwrapLayers(amm));
    expect(result.layers).toEqual([]);
    expect(result.applicationBytes).toBe(amm);
  });

  it.each(amms)('unwraps public_message of a status-go ProtocolMessage: %s', (_what, amm) => {
    const wrapped = protocolMessage({
      installationId: 'e9f4a0d6-0b9b-4a56-8d5c-2b3c4d5e6f70',
      bundles: [statusGoBundle],
      publicMessage: amm,
    });
    const result = application(unwrapLayers(wrapped));
    expect(result.layers).toEqual(['protocol-message']);
    expect(bytesToHex(result.applicationBytes)).toBe(bytesToHex(amm));
  });

  it('unwraps SDS content, alone and inside a ProtocolMessage', () => {
    const alone = application(unwrapLayers(sdsMessage(chatAmm)));
    expect(alone.layers).toEqual(['sds']);
    expect(alone.applicationBytes).toEqual(chatAmm);
    expect(alone.sds).toEqual({
      senderId: 'sender-1',
      messageId: 'b4e2…',
      channelId: vectors.keys.community.compressed,
      lamportTimestamp: 1700000000123n,
    });

    const both = application(unwrapLayers(protocolMessage({ publicMessage: sdsMessage(chatAmm) })));
    expect(both.layers).toEqual(['protocol-message', 'sds']);
    expect(both.applicationBytes).toEqual(chatAmm);
  });

  it('keeps the bytes of an SDS message without content', () => {
    const bytes = sdsMessage(undefined);
    const result = application(unwrapLayers(bytes));
    expect(result.layers).toEqual([]);
    expect(result.applicationBytes).toBe(bytes);
  });

  it('keeps the raw bytes of a ProtocolMessage with neither public nor encrypted content (ErrNoPayload)', () => {
    for (const bytes of [
      protocolMessage({ installationId: 'abc', bundles: [statusGoBundle] }),
      // public_message present but empty: nil in Go.
      Uint8Array.of(0xb2, 0x06, 0x00),
    ]) {
      const result = application(unwrapLayers(bytes));
      expect(result.layers).toEqual([]);
      expect(result.applicationBytes).toBe(bytes);
    }
  });

  it('keeps the raw bytes when the ProtocolMessage does not parse, as an invalid UTF-8 installation ID', () => {
    // installation_id = 0xff (not UTF-8: protobuf-go refuses the message), public_message = AMM
    const bytes = concatBytes(Uint8Array.of(0x12, 0x01, 0xff), protocolMessage({ publicMessage: chatAmm }));
    const result = application(unwrapLayers(bytes));
    expect(result.layers).toEqual([]);
    expect(result.applicationBytes).toBe(bytes);
  });

  it('reports a hash-ratchet message with its header for a key holder to decrypt', () => {
    const ciphertext = Uint8Array.of(1, 2, 3, 4);
    const keyId = new Uint8Array(32).fill(7);
    const bytes = protocolMessage({
      installationId: 'abc',
      encryptedMessage: {
        none: {
          HRHeader: { seqNo: 3, groupId, keyId, deprecatedKeyId: 1700000010 % 2 ** 32 },
          payload: ciphertext,
        },
      },
    });
    expect(unwrapLayers(bytes)).toEqual({
      kind: 'encrypted',
      layers: ['protocol-message'],
      encryption: {
        kind: 'hash-ratchet',
        groupId,
        keyId,
        seqNo: 3,
        deprecatedKeyId: 1700000010 % 2 ** 32,
        ciphertext,
      },
    });
  });

  it('hands on the plaintext AMM of a hash-ratchet key exchange (seq_no 0) with its keys', () => {
    const rekeyGroup = { timestamp: 1700000000010, keys: { 12345: new Uint8Array(60).fill(5) } };
    const bytes = protocolMessage({
      encryptedMessage: { none: { HRHeader: { seqNo: 0, groupId, keys: { rekeyGroup } }, payload: chatAmm } },
    });
    const result = application(unwrapLayers(bytes));
    expect(result.layers).toEqual(['protocol-message']);
    expect(result.applicationBytes).toEqual(chatAmm);
    expect(result.keyExchange?.groupId).toEqual(groupId);
    expect(Object.keys(result.keyExchange?.keys?.rekeyGroup?.keys ?? {})).toEqual(['12345']);
  });

  it('keeps the raw bytes of a key exchange whose rekey group has no timestamp (status-go fails on it)', () => {
    const bytes = protocolMessage({
      encryptedMessage: {
        none: {
          HRHeader: { seqNo: 0, groupId, keys: { rekeyGroup: { keys: { 1: Uint8Array.of(1) } } } },
          payload: chatAmm,
        },
      },
    });
    const result = application(unwrapLayers(bytes));
    expect(result.layers).toEqual([]);
    expect(result.applicationBytes).toBe(bytes);
  });

  it('reports 1:1 encryption: a double-ratchet entry, or entries for other installations only', () => {
    const doubleRatchet = protocolMessage({
      encryptedMessage: { none: { DRHeader: { key: Uint8Array.of(2), n: 1 }, payload: Uint8Array.of(1) } },
    });
    expect(unwrapLayers(doubleRatchet)).toEqual({
      kind: 'encrypted',
      layers: ['protocol-message'],
      encryption: { kind: '1:1', installationIds: ['none'] },
    });
    const elsewhere = protocolMessage({
      encryptedMessage: { 'inst-a': { payload: Uint8Array.of(1) }, 'inst-b': { payload: Uint8Array.of(2) } },
    });
    expect(unwrapLayers(elsewhere)).toEqual({
      kind: 'encrypted',
      layers: ['protocol-message'],
      encryption: { kind: '1:1', installationIds: ['inst-a', 'inst-b'] },
    });
  });

  it('keeps the raw bytes of a group entry without any key header ("no key specified")', () => {
    const bytes = protocolMessage({ encryptedMessage: { none: { payload: chatAmm } } });
    expect(application(unwrapLayers(bytes)).applicationBytes).toBe(bytes);
  });

  it('prefers public_message over encrypted_message, as status-go does', () => {
    const bytes = protocolMessage({
      publicMessage: chatAmm,
      encryptedMessage: { none: { HRHeader: { seqNo: 9, groupId }, payload: Uint8Array.of(1) } },
    });
    expect(application(unwrapLayers(bytes)).applicationBytes).toEqual(chatAmm);
  });

  it('never throws on random bytes and hands them on when they are not a layer', () => {
    const random = seededBytes(0x1a7e);
    for (let i = 0; i < 5000; i++) {
      const bytes = random(i % 400);
      const result = unwrapLayers(bytes);
      expect(['application', 'encrypted']).toContain(result.kind);
      if (result.kind === 'application' && result.layers.length === 0)
        expect(result.applicationBytes).toBe(bytes);
    }
  });
});
