import { describe, expect, it } from '@jest/globals';
import { serializePublicKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { newKeys } from '../testing/seed.js';
import { normalisePeerKey } from './peer-key.js';

describe('normalisePeerKey', () => {
  const keys = newKeys();
  const chatKey = unwrap(serializePublicKey(Buffer.from(keys.compressed.slice(2), 'hex')));

  it('takes every form people copy a Status key in and gives the 0x04… form', () => {
    for (const form of [
      keys.uncompressed,
      keys.compressed,
      keys.compressed.toUpperCase().replace('0X', '0x'),
      chatKey,
    ])
      expect(normalisePeerKey(form)).toEqual({ ok: true, value: keys.uncompressed });
    expect(chatKey).toMatch(/^zQ3/);
  });

  it('refuses what is no key on the curve, with a typed code', () => {
    const offCurve = `0x02${'ff'.repeat(32)}`;
    for (const text of ['', '0x04', 'hello', offCurve, `${chatKey}x`, keys.uncompressed.slice(0, -2)]) {
      const result = normalisePeerKey(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_KEY');
    }
  });
});
