import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  bytesToPrefixedHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  hexToBytesOrThrow,
  utf8ToBytes,
} from './bytes.js';

describe('hexToBytes', () => {
  it('parses with and without a 0x prefix, any case', () => {
    for (const text of ['0a0BfF', '0x0a0BfF', '0X0a0bff']) {
      const result = hexToBytes(text);
      expect(result.ok && Array.from(result.value)).toEqual([0x0a, 0x0b, 0xff]);
    }
  });

  it('parses the empty string and a bare 0x as no bytes', () => {
    for (const text of ['', '0x']) {
      const result = hexToBytes(text);
      expect(result.ok && result.value.length).toBe(0);
    }
  });

  it('rejects odd length with INVALID_HEX', () => {
    const result = hexToBytes('0xabc');
    expect(!result.ok && result.error.code).toBe('INVALID_HEX');
  });

  it.each(['zz', '0x0g', ' 00', '0x 0', 'é0', '0x0x', '\u0660\u0661'])(
    'rejects non-hex characters in %j',
    (text) => {
      const result = hexToBytes(text);
      expect(!result.ok && result.error.code).toBe('INVALID_HEX');
    },
  );

  it('has a throwing variant for constants', () => {
    expect(Array.from(hexToBytesOrThrow('0x01'))).toEqual([1]);
    expect(() => hexToBytesOrThrow('0x1')).toThrow(expect.objectContaining({ code: 'INVALID_HEX' }));
  });

  it('round-trips through bytesToHex', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const back = hexToBytes(bytesToHex(bytes));
    expect(back.ok && back.value).toEqual(bytes);
  });
});

describe('hex output', () => {
  it('is lowercase, unprefixed or 0x-prefixed', () => {
    expect(bytesToHex(Uint8Array.of(0xab, 0x01))).toBe('ab01');
    expect(bytesToPrefixedHex(Uint8Array.of(0xab, 0x01))).toBe('0xab01');
    expect(bytesToPrefixedHex(new Uint8Array(0))).toBe('0x');
  });

  it('respects the view of a subarray', () => {
    const whole = Uint8Array.of(1, 2, 3, 4);
    expect(bytesToHex(whole.subarray(1, 3))).toBe('0203');
  });
});

describe('byte helpers', () => {
  it('concatenates in order', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(
      Uint8Array.of(1, 2, 3),
    );
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });

  it('compares by content and length', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
  });

  it('encodes UTF-8', () => {
    expect(Array.from(utf8ToBytes('a€'))).toEqual([0x61, 0xe2, 0x82, 0xac]);
  });
});
