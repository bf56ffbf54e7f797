import { describe, expect, it } from '@jest/globals';
import { bytesToHex, keccak256, utf8ToBytes } from '@status-communities/crypto';
import {
  SELECTORS,
  decodeAddress,
  decodeAggregate3,
  decodeString,
  decodeUint256,
  encodeAggregate3,
  namehash,
  reverseNode,
} from './abi.js';

const selectorOf = (signature: string) => bytesToHex(keccak256(utf8ToBytes(signature))).slice(0, 8);
const word = (value: bigint | number) => BigInt(value).toString(16).padStart(64, '0');

describe('abi', () => {
  it('selectors are keccak256 of their signatures (and the reference values)', () => {
    expect(SELECTORS.balanceOf).toBe(selectorOf('balanceOf(address)'));
    expect(SELECTORS.ownerOf).toBe(selectorOf('ownerOf(uint256)'));
    expect(SELECTORS.resolver).toBe(selectorOf('resolver(bytes32)'));
    expect(SELECTORS.name).toBe(selectorOf('name(bytes32)'));
    expect(SELECTORS.aggregate3).toBe(selectorOf('aggregate3((address,bool,bytes)[])'));
    // encrypted-communities.md §7.2
    expect([SELECTORS.balanceOf, SELECTORS.ownerOf, SELECTORS.resolver, SELECTORS.name]).toEqual([
      '70a08231',
      '6352211e',
      '0178b8bf',
      '691f3431',
    ]);
  });

  it('namehash follows EIP-137', () => {
    expect(namehash('')).toBe('0'.repeat(64));
    expect(namehash('eth')).toBe('93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae');
    expect(namehash('foo.eth')).toBe('de9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f');
    expect(reverseNode('0xABCDEF0000000000000000000000000000000001')).toBe(
      namehash('abcdef0000000000000000000000000000000001.addr.reverse'),
    );
  });

  it('decodes words, addresses and strings, and refuses short data', () => {
    expect(decodeUint256('0x' + word(42))).toBe(42n);
    expect(decodeUint256('0x')).toBeUndefined();
    expect(decodeAddress('0x' + word(0xabcn))).toBe('0x' + '0'.repeat(37) + 'abc');
    const text = bytesToHex(utf8ToBytes('alice.eth'));
    expect(decodeString('0x' + word(32) + word(9) + text.padEnd(64, '0'))).toBe('alice.eth');
    expect(decodeString('0x')).toBeUndefined();
  });

  it('aggregate3 calldata lays out (address,bool,bytes)[] as solc does', () => {
    const data = encodeAggregate3([{ to: '0x' + '11'.repeat(20), data: '0x70a08231' + word(5) }]);
    expect(data).toBe(
      '0x82ad56cb' +
        word(0x20) + // array offset
        word(1) + // length
        word(0x20) + // offset of tuple 0 (after the one head)
        word(BigInt('0x' + '11'.repeat(20))) +
        word(1) + // allowFailure
        word(0x60) + // offset of bytes inside the tuple
        word(36) +
        ('70a08231' + word(5)).padEnd(128, '0'),
    );
  });

  it('reads aggregate3 results, a failed call as undefined', () => {
    const tuple = (success: boolean, returned: string) =>
      word(success ? 1 : 0) +
      word(0x40) +
      word(returned.length / 2) +
      returned.padEnd(Math.ceil(returned.length / 64) * 64, '0');
    const first = tuple(true, word(7));
    const second = tuple(false, '');
    const data = '0x' + word(0x20) + word(2) + word(0x40) + word(0x40 + first.length / 2) + first + second;
    expect(decodeAggregate3(data, 2)).toEqual(['0x' + word(7), undefined]);
    expect(decodeAggregate3(data, 3)).toBeUndefined();
  });
});
