import { describe, expect, it } from '@jest/globals';
import { messageKey } from '@status-communities/crypto';
import { MessageKeyChains } from './hash-ratchet.js';

const key = {
  groupId: new Uint8Array([1]),
  key: new Uint8Array(32).fill(4),
  timestampMs: 1_700_000_000_000n,
};

describe('MessageKeyChains', () => {
  it('gives keccak256ⁿ(key) for rising, repeated and earlier seq_no alike', () => {
    const chains = new MessageKeyChains();
    for (const seqNo of [1, 2, 5, 5, 3, 40, 39, 41])
      expect(chains.messageKey(key, seqNo)).toEqual(messageKey(key.key, seqNo));
  });

  it('keeps chains of different keys apart', () => {
    const chains = new MessageKeyChains();
    const other = { ...key, key: new Uint8Array(32).fill(5) };
    chains.messageKey(key, 10);
    expect(chains.messageKey(other, 11)).toEqual(messageKey(other.key, 11));
  });
});
