import { describe, expect, it } from '@jest/globals';
import { serializePublicKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { newKeys } from '../testing/seed.js';
import { memberSearchWhere } from './member-search.js';

const { compressed, uncompressed } = newKeys();

const byName = (text: string) => ({ displayName: { contains: text, mode: 'insensitive' } });

describe('memberSearchWhere', () => {
  it('matches a display name by part, with LIKE wildcards escaped', () => {
    expect(unwrap(memberSearchWhere('  Alice '))).toEqual(byName('Alice'));
    expect(unwrap(memberSearchWhere('100%_x'))).toEqual(byName('100\\%\\_x'));
  });

  it('matches bare hex as a name or the start of the key, and 0x hex as a key only, in lower case', () => {
    const prefix = (hex: string) => ({ memberKey: { startsWith: hex, gte: hex, lt: `${hex}g` } });
    expect(unwrap(memberSearchWhere('cafe'))).toEqual({ OR: [byName('cafe'), prefix('0xcafe')] });
    expect(unwrap(memberSearchWhere('0x04AB'))).toEqual(prefix('0x04ab'));
  });

  it('turns a whole compressed or zQ3 key into the exact 0x04 key', () => {
    const chatKey = unwrap(serializePublicKey(Buffer.from(compressed.slice(2), 'hex')));
    expect(unwrap(memberSearchWhere(chatKey))).toEqual({ memberKey: uncompressed });
    expect(unwrap(memberSearchWhere(compressed.toUpperCase().replace('0X', '0x')))).toEqual({
      memberKey: uncompressed,
    });
    expect(unwrap(memberSearchWhere(compressed.slice(2)))).toEqual({
      OR: [byName(compressed.slice(2)), { memberKey: uncompressed }],
    });
    expect(unwrap(memberSearchWhere('zQ3notakey'))).toEqual(byName('zQ3notakey'));
  });

  it('matches everyone when blank, and refuses more than 140 characters', () => {
    expect(unwrap(memberSearchWhere('   '))).toBeUndefined();
    const long = memberSearchWhere('x'.repeat(141));
    expect(long.ok ? undefined : long.error.code).toBe('BAD_USER_INPUT');
  });
});
