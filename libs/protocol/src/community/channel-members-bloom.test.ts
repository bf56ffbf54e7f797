import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  publicKeyToHex,
  utf8ToBytes,
} from '@status-communities/crypto';
import {
  addToBloomFilter,
  bloomFilterHas,
  createBloomFilter,
  decodeBloomFilter,
  encodeBloomFilter,
  estimateBloomParameters,
} from './bloom-filter.js';
import {
  bloomFilterCapacity,
  channelMemberBloomElement,
  channelMembersBloomFilter,
  isLikelyChannelMember,
} from './channel-members-bloom.js';
import { murmur3x64128 } from './murmur3.js';

// encrypted-communities.md §7.2 inputs; murmur3 values and bit positions from Python mmh3 5.3 (an
// independent MurmurHash3 implementation) with bits-and-blooms' location formula.
const communityPriv = new Uint8Array(32).fill(1);
const memberPriv = new Uint8Array(32).fill(2);
const community = publicKeyFromPrivateKey(communityPriv);
const member = publicKeyFromPrivateKey(memberPriv);
const channelUuid = 'c0ffee00-0000-4000-8000-000000000001';
const element = '71bf6cd30a16b082377d05732e3da42a163317478b1d698822aba84233a3f0ae';
const range = (length: number) => Uint8Array.from({ length }, (_, i) => i);

describe('murmur3 x64 128', () => {
  it.each([
    [new Uint8Array(0), 0x0n, 0x0n],
    [utf8ToBytes('hello'), 0xcbd8a7b341bd9b02n, 0x5b1e906a48ae1d19n],
    [range(15), 0x47231598fd4925e9n, 0xcd846dee88c67de9n],
    [range(16), 0x444924b591903f30n, 0xab906456762fe845n],
    [range(32), 0xc66d9022b62f500fn, 0x1c050a6e34c31151n],
    [range(41), 0x9a3f245144d93f4an, 0x58dd3f96e2acca43n],
  ])('matches mmh3 for %#', (data, h1, h2) => {
    expect(murmur3x64128(data)).toEqual([h1, h2]);
  });
});

describe('bloom filter (bits-and-blooms/bloom v3 form)', () => {
  it('sizes like EstimateParameters: 128 → m 1841 k 10, 256 → 3681, 8192 → 117782', () => {
    expect(estimateBloomParameters(128, 0.001)).toEqual({ m: 1841, k: 10 });
    expect(estimateBloomParameters(256, 0.001)).toEqual({ m: 3681, k: 10 });
    expect(estimateBloomParameters(8192, 0.001)).toEqual({ m: 117782, k: 10 });
  });

  it('sets the bits mmh3 and the location formula give for the vector element', () => {
    const filter = createBloomFilter(1841, 10);
    addToBloomFilter(filter, hexToBytesOrThrow(element));
    const set: number[] = [];
    for (let bit = 0; bit < filter.m; bit++)
      if ((((filter.words[Math.floor(bit / 64)] ?? 0n) >> BigInt(bit % 64)) & 1n) === 1n) set.push(bit);
    expect(set).toEqual([1329, 585, 332, 299, 389, 432, 179, 1200, 1131, 279].sort((a, b) => a - b));
  });

  it('marshals as BE m ‖ BE k ‖ BE bit length ‖ BE words, and decodes back', () => {
    const filter = createBloomFilter(1841, 10);
    addToBloomFilter(filter, utf8ToBytes('x'));
    const bytes = encodeBloomFilter(filter);
    expect(bytes).toHaveLength(24 + 29 * 8);
    expect(bytesToHex(bytes.subarray(0, 24))).toBe(
      '0000000000000731' + '000000000000000a' + '0000000000000731',
    );
    const decoded = decodeBloomFilter(bytes);
    expect(decoded.ok && decoded.value).toEqual(filter);
    expect(decoded.ok && bloomFilterHas(decoded.value, utf8ToBytes('x'))).toBe(true);
  });

  it('refuses bytes that are not a whole filter', () => {
    const bytes = encodeBloomFilter(createBloomFilter(1841, 10));
    const codeOf = (data: Uint8Array) => {
      const result = decodeBloomFilter(data);
      return !result.ok && result.error.code;
    };
    expect(codeOf(bytes.subarray(0, 20))).toBe('MALFORMED_PAYLOAD');
    expect(codeOf(bytes.subarray(0, bytes.length - 8))).toBe('MALFORMED_PAYLOAD');
    const hugeK = bytes.slice();
    hugeK[8] = 1;
    expect(codeOf(hugeK)).toBe('MALFORMED_PAYLOAD');
    const otherLength = bytes.slice();
    otherLength[23] = 0x30;
    expect(codeOf(otherLength)).toBe('MALFORMED_PAYLOAD');
  });
});

describe('channel membership bloom filter', () => {
  it('element = keccak256(ECDH(community, member).x ‖ channel UUID ‖ LE64(clock)) — the vector, from both sides', () => {
    const fromControlNode = channelMemberBloomElement(communityPriv, member, channelUuid, 7n);
    const fromMember = channelMemberBloomElement(memberPriv, community, channelUuid, 7);
    expect(fromControlNode.ok && bytesToHex(fromControlNode.value)).toBe(element);
    expect(fromMember.ok && bytesToHex(fromMember.value)).toBe(element);
  });

  it('capacity is max(128, 1 << bitLength(n)) like status-go nextPowerOfTwo', () => {
    expect([0, 1, 127, 128, 255, 256, 5000].map(bloomFilterCapacity)).toEqual([
      128, 128, 128, 256, 256, 512, 8192,
    ]);
  });

  it('a listed member finds itself at the same clock; others and other clocks do not (barring false positives)', () => {
    const others = Array.from({ length: 20 }, (_, i) =>
      publicKeyFromPrivateKey(new Uint8Array(32).fill(10 + i)),
    );
    const listed = [member, ...others.slice(0, 10)].map(publicKeyToHex);
    const filter = channelMembersBloomFilter(communityPriv, listed, channelUuid, 7n);
    if (!filter.ok) throw filter.error;
    expect(filter.value.m).toBe(1841);
    expect(filter.value.k).toBe(10);
    const check = (priv: Uint8Array, clock: bigint) => {
      const result = isLikelyChannelMember(filter.value, priv, community, channelUuid, clock);
      return result.ok && result.value;
    };
    expect(check(memberPriv, 7n)).toBe(true);
    expect(check(new Uint8Array(32).fill(10), 7n)).toBe(true);
    expect(check(new Uint8Array(32).fill(25), 7n)).toBe(false);
    expect(check(memberPriv, 8n)).toBe(false);
  });

  it('refuses a member id that is not a key and filter bytes that are garbage', () => {
    const bad = channelMembersBloomFilter(communityPriv, ['0x04zz'], channelUuid, 1n);
    expect(!bad.ok && bad.error.code).toBe('INVALID_KEY');
    const garbage = isLikelyChannelMember(
      { data: new Uint8Array(5) },
      memberPriv,
      community,
      channelUuid,
      1n,
    );
    expect(!garbage.ok && garbage.error.code).toBe('MALFORMED_PAYLOAD');
  });
});
