import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  utf8ToBytes,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import {
  decryptHashRatchetLayer,
  encodeHashRatchetMessage,
  encodeRekeyMessage,
  indexHashRatchetKeys,
  keyExchangeHeader,
  readKeyExchangeKeys,
  type HashRatchetLayer,
} from './hash-ratchet-messages.js';
import { unwrapLayers, type HashRatchetKeyExchange } from './layers.js';

// encrypted-communities.md §7.2 COMPUTED vectors.
const hex = hexToBytesOrThrow;
const communityId = hex('031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f');
const memberPriv = new Uint8Array(32).fill(2);
const controlPriv = new Uint8Array(32).fill(3);
const member = publicKeyFromPrivateKey(memberPriv);
const control = publicKeyFromPrivateKey(controlPriv);
const nonce = hex('000102030405060708090a0b');
const installationId = '11111111-1111-1111-1111-111111111111';
const communityKey: HashRatchetKey = {
  groupId: communityId,
  key: new Uint8Array(32).fill(4),
  timestampMs: 1_700_000_000_000n,
};
const fullProtocolMessage =
  '122431313131313131312d313131312d313131312d313131312d313131313131313131313131aa0685010a046e6f6e65127d1a2b4529a815408748265e6e8ae0362f332566f0973036deb9df63c3b42ff3cbe9000102030405060708090a0bb2064d0880d095ff0c10011a21031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f2220d62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334';

const hashRatchetLayer = (bytes: Uint8Array): HashRatchetLayer => {
  const unwrapped = unwrapLayers(bytes);
  if (unwrapped.kind !== 'encrypted' || unwrapped.encryption.kind !== 'hash-ratchet')
    throw new Error('expected a hash-ratchet message');
  return unwrapped.encryption;
};

const keyExchangeOf = (bytes: Uint8Array): HashRatchetKeyExchange => {
  const unwrapped = unwrapLayers(bytes);
  if (unwrapped.kind !== 'application' || !unwrapped.keyExchange) throw new Error('expected a key exchange');
  return unwrapped.keyExchange;
};

describe('hash-ratchet messages', () => {
  it('encodes the full HR ProtocolMessage vector byte for byte (seq 1, "hello community")', () => {
    const bytes = encodeHashRatchetMessage({
      installationId,
      key: communityKey,
      seqNo: 1,
      applicationBytes: utf8ToBytes('hello community'),
      nonce,
    });
    expect(bytesToHex(bytes)).toBe(fullProtocolMessage);
  });

  it('decodes the vector: unwrapLayers finds the HR header, the key lookup decrypts it', () => {
    const layer = hashRatchetLayer(hex(fullProtocolMessage));
    expect(layer.seqNo).toBe(1);
    expect(layer.deprecatedKeyId).toBe(3487918080);
    expect(bytesToHex(layer.keyId)).toBe('d62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334');
    const opened = decryptHashRatchetLayer(layer, indexHashRatchetKeys([communityKey]));
    expect(opened.ok && new TextDecoder().decode(opened.value)).toBe('hello community');
  });

  it('finds the key of an old client by group and deprecated key id when key_id is empty', () => {
    const layer = { ...hashRatchetLayer(hex(fullProtocolMessage)), keyId: new Uint8Array(0) };
    const opened = decryptHashRatchetLayer(layer, indexHashRatchetKeys([communityKey]));
    expect(opened.ok && new TextDecoder().decode(opened.value)).toBe('hello community');
  });

  it('round-trips a message under a later key and seq_no while older keys stay known', () => {
    const newer: HashRatchetKey = {
      ...communityKey,
      key: new Uint8Array(32).fill(7),
      timestampMs: 1_700_000_100_000n,
    };
    const amm = utf8ToBytes('a channel post');
    const bytes = encodeHashRatchetMessage({ installationId, key: newer, seqNo: 42, applicationBytes: amm });
    const opened = decryptHashRatchetLayer(
      hashRatchetLayer(bytes),
      indexHashRatchetKeys([communityKey, newer]),
    );
    expect(opened.ok && opened.value).toEqual(amm);
  });

  it('refuses typed: unknown key id, key of another group, seq_no > 100000, truncated payload, wrong tag', () => {
    const layer = hashRatchetLayer(hex(fullProtocolMessage));
    const keys = indexHashRatchetKeys([communityKey]);
    const codeOf = (candidate: HashRatchetLayer, lookup = keys) => {
      const result = decryptHashRatchetLayer(candidate, lookup);
      return !result.ok && result.error.code;
    };
    expect(codeOf({ ...layer, keyId: new Uint8Array(32).fill(1) })).toBe('HASH_RATCHET_KEY_NOT_FOUND');
    expect(codeOf(layer, indexHashRatchetKeys([]))).toBe('HASH_RATCHET_KEY_NOT_FOUND');
    expect(codeOf({ ...layer, groupId: utf8ToBytes('0x03…other') })).toBe('HASH_RATCHET_KEY_NOT_FOUND');
    expect(codeOf({ ...layer, seqNo: 100_001 })).toBe('HASH_RATCHET_SEQ_NO_TOO_HIGH');
    expect(codeOf({ ...layer, ciphertext: layer.ciphertext.subarray(0, 20) })).toBe('MALFORMED_PAYLOAD');
    const tampered = layer.ciphertext.slice();
    tampered[20] = (tampered[20] ?? 0) ^ 1; // a tag byte
    expect(codeOf({ ...layer, ciphertext: tampered })).toBe('DECRYPTION_FAILED');
    expect(codeOf({ ...layer, seqNo: 2 })).toBe('DECRYPTION_FAILED');
  });
});

describe('key exchange and rekey', () => {
  it('encodes the key-exchange HRHeader vector', () => {
    const header = encodeProto(status.encryption.HRHeader, keyExchangeHeader(communityId, [communityKey]));
    expect(bytesToHex(header)).toBe(
      '1a21031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f2a310a2f0880d095ff0c122004040404040404040404040404040404040404040404040404040404040404041880d095ffbc31',
    );
  });

  it('refuses a key of another group in an exchange (a bug)', () => {
    expect(() => keyExchangeHeader(utf8ToBytes('other'), [communityKey])).toThrow(RangeError);
  });

  it('rekey message: the member opens its entry with ECDH(member, Waku signer), the payload passes in the clear', () => {
    const payload = utf8ToBytes('signed description AMM');
    const bytes = encodeRekeyMessage({
      installationId,
      key: communityKey,
      senderPrivateKey: controlPriv,
      recipients: [member, publicKeyFromPrivateKey(new Uint8Array(32).fill(9))],
      payload,
      nonce: () => nonce,
    });
    const unwrapped = unwrapLayers(bytes);
    expect(unwrapped.kind === 'application' && unwrapped.applicationBytes).toEqual(payload);
    const exchange = keyExchangeOf(bytes);
    const entry = exchange.keys?.rekeyGroup?.keys?.[0xd16c4b4d];
    expect(entry && bytesToHex(entry)).toBe(
      '000102030405060708090a0b78c7cbc08e975f314b5e5869d60d5cbc2bb2a7998128427ba35679514071161c68911e8a701a8f407d4a103c496de4a4',
    );
    const keys = readKeyExchangeKeys(exchange, { recipientPrivateKey: memberPriv, senderPublicKey: control });
    expect(keys.ok && keys.value).toEqual([communityKey]);
  });

  it('a rekey without our entry gives no key; a forged one (other sender) or a truncated one is refused', () => {
    const rekey = (senderPrivateKey: Uint8Array) =>
      keyExchangeOf(
        encodeRekeyMessage({
          installationId,
          key: communityKey,
          senderPrivateKey,
          recipients: [member],
          payload: new Uint8Array([1]),
        }),
      );
    const outsider = readKeyExchangeKeys(rekey(controlPriv), {
      recipientPrivateKey: new Uint8Array(32).fill(9),
      senderPublicKey: control,
    });
    expect(outsider.ok && outsider.value).toEqual([]);
    const forged = readKeyExchangeKeys(rekey(new Uint8Array(32).fill(8)), {
      recipientPrivateKey: memberPriv,
      senderPublicKey: control,
    });
    expect(!forged.ok && forged.error.code).toBe('DECRYPTION_FAILED');

    const exchange = rekey(controlPriv);
    const truncatedEntry = {
      0xd16c4b4d: exchange.keys?.rekeyGroup?.keys?.[0xd16c4b4d]?.subarray(0, 50) ?? new Uint8Array(),
    };
    const truncated = readKeyExchangeKeys(
      { ...exchange, keys: { rekeyGroup: { timestamp: 1, keys: truncatedEntry } } },
      { recipientPrivateKey: memberPriv, senderPublicKey: control },
    );
    expect(!truncated.ok && truncated.error.code).toBe('MALFORMED_PAYLOAD');
    const noTimestamp = readKeyExchangeKeys(
      { ...exchange, keys: { rekeyGroup: { timestamp: 0, keys: {} } } },
      { recipientPrivateKey: memberPriv, senderPublicKey: control },
    );
    expect(!noTimestamp.ok && noTimestamp.error.code).toBe('MALFORMED_PAYLOAD');
  });

  it('refuses an exchange without group or with a key that is not 32 bytes', () => {
    const reader = { recipientPrivateKey: memberPriv, senderPublicKey: control };
    const noGroup = readKeyExchangeKeys(
      { groupId: new Uint8Array(0), keyId: new Uint8Array(0), deprecatedKeyId: 0, keys: undefined },
      reader,
    );
    expect(!noGroup.ok && noGroup.error.code).toBe('MALFORMED_PAYLOAD');
    const shortKey = readKeyExchangeKeys(
      {
        groupId: communityId,
        keyId: new Uint8Array(0),
        deprecatedKeyId: 0,
        keys: { keys: [{ key: new Uint8Array(31), timestamp: 5 }] },
      },
      reader,
    );
    expect(!shortKey.ok && shortKey.error.code).toBe('MALFORMED_PAYLOAD');
  });
});
