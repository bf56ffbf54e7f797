import { describe, expect, it } from '@jest/globals';
import {
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  utf8ToBytes,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { decodeProto, status } from '@status-communities/proto';
import { readKeyExchangeKeys } from '../messages/hash-ratchet-messages.js';
import { NO_INSTALLATION_ID } from '../messages/layers.js';
import {
  encodeDhKeyExchangeMessage,
  keyExchangeOfEntry,
  openDhKeyExchangeMessage,
  withKeyExchangeHeader,
} from './key-exchange.js';

const memberPriv = new Uint8Array(32).fill(2);
const controlPriv = new Uint8Array(32).fill(3);
const member = publicKeyFromPrivateKey(memberPriv);
const control = publicKeyFromPrivateKey(controlPriv);
const installationId = '11111111-1111-1111-1111-111111111111';
const communityId = hexToBytesOrThrow('031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f');
const keys: HashRatchetKey[] = [
  { groupId: communityId, key: new Uint8Array(32).fill(4), timestampMs: 1_700_000_000_000n },
  { groupId: communityId, key: new Uint8Array(32).fill(5), timestampMs: 1_700_000_172_800_010n },
];
// encrypted-communities.md §7.2: the HR ProtocolMessage (an HR header, no 1:1 header).
const hashRatchetMessage = hexToBytesOrThrow(
  '122431313131313131312d313131312d313131312d313131312d313131313131313131313131aa0685010a046e6f6e65127d1a2b4529a815408748265e6e8ae0362f332566f0973036deb9df63c3b42ff3cbe9000102030405060708090a0bb2064d0880d095ff0c10011a21031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f2220d62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334',
);

describe('group keys in 1:1 messages', () => {
  it('DH path: only the recipient opens it; every key of the group comes from HR_header in the clear', () => {
    const bytes = encodeDhKeyExchangeMessage({
      installationId,
      recipientPublicKey: member,
      groupId: communityId,
      keys,
      payload: utf8ToBytes('response AMM'),
    });
    const opened = openDhKeyExchangeMessage(bytes, memberPriv);
    if (!opened.ok || !opened.value.keyExchange) throw new Error('expected an opened key exchange');
    expect(new TextDecoder().decode(opened.value.payload)).toBe('response AMM');
    const read = readKeyExchangeKeys(opened.value.keyExchange, {
      recipientPrivateKey: memberPriv,
      senderPublicKey: control,
    });
    expect(read.ok && read.value).toEqual(keys);
  });

  it('refuses: not encrypted to us, not a protobuf, an HR message without a 1:1 header', () => {
    const bytes = encodeDhKeyExchangeMessage({
      installationId,
      recipientPublicKey: member,
      groupId: communityId,
      keys,
      payload: new Uint8Array(0),
    });
    const notForUs = openDhKeyExchangeMessage(bytes, new Uint8Array(32).fill(9));
    expect(!notForUs.ok && notForUs.error.code).toBe('DECRYPTION_FAILED');
    const garbage = openDhKeyExchangeMessage(new Uint8Array([0xff, 0xff, 0xff]), memberPriv);
    expect(!garbage.ok && garbage.error.code).toBe('MALFORMED_PROTOBUF');
    const hashRatchetOnly = openDhKeyExchangeMessage(hashRatchetMessage, memberPriv);
    expect(!hashRatchetOnly.ok && hashRatchetOnly.error.code).toBe('MALFORMED_PAYLOAD');
  });

  it('puts the header on every entry (any session kind) and reads it back per installation', () => {
    const entries = withKeyExchangeHeader(
      {
        'install-a': { payload: new Uint8Array([1]) },
        [NO_INSTALLATION_ID]: { payload: new Uint8Array([2]) },
      },
      communityId,
      keys.slice(1),
    );
    const message = status.encryption.ProtocolMessage.create({ installationId, encryptedMessage: entries });
    for (const id of ['install-a', NO_INSTALLATION_ID]) {
      const exchange = keyExchangeOfEntry(message, id);
      expect(exchange?.groupId).toEqual(communityId);
      expect(exchange?.keys?.keys?.map((key) => key.key)).toEqual([keys[1]?.key]);
    }
    expect(keyExchangeOfEntry(message, 'install-b')).toBeUndefined();
    const hr = decodeProto(status.encryption.ProtocolMessage, hashRatchetMessage);
    expect(hr.ok && keyExchangeOfEntry(hr.value, NO_INSTALLATION_ID)).toBeUndefined();
  });
});
