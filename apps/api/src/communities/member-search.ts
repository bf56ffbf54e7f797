import type { Prisma } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { normalisePeerKey } from '../direct/peer-key.js';
import { literalLike } from './like-pattern.js';

/** Longer than any display name (24) or key (132): a longer search can only be a mistake or an attack. */
export const MAX_MEMBER_SEARCH_LENGTH = 140;

const HEX = /^(0x)?[0-9a-f]+$/i;
const COMPRESSED_KEY_HEX = /^0[23][0-9a-f]{64}$/;

/**
 * The keys starting with `0x<hex>`. The range beside `startsWith` lets PostgreSQL walk the (community_id,
 * member_key) primary key: LIKE 'p%' cannot use a btree under the servers' C.UTF-8 collation, and keys are
 * lower-case hex, all of which sort below 'g'.
 */
const keyPrefix = (hex: string): Prisma.MemberWhereInput => ({
  memberKey: { startsWith: `0x${hex}`, gte: `0x${hex}`, lt: `0x${hex}g` },
});

/**
 * The member key a search names: a whole key in any form people copy (`zQ3…`, compressed `0x02…`/`0x03…`)
 * matches its `0x04…` row exactly; other hex, with or without `0x`, is the start of the `0x04…` key.
 */
const memberKeyMatch = (text: string): Prisma.MemberWhereInput | undefined => {
  if (text.startsWith('zQ3')) {
    const key = normalisePeerKey(text);
    return key.ok ? { memberKey: key.value } : undefined;
  }
  if (!HEX.test(text)) return undefined;
  const hex = text.toLowerCase().replace(/^0x/, '');
  if (COMPRESSED_KEY_HEX.test(hex)) {
    const key = normalisePeerKey(`0x${hex}`);
    if (key.ok) return { memberKey: key.value };
  }
  return keyPrefix(hex);
};

/**
 * The members a search matches: part of the display name (any case, `%` and `_` literal) or the member's
 * key (see memberKeyMatch). Text that is a key by its form — `0x` and hex, `zQ3…` — matches keys only, so
 * the search walks the key index instead of every member's name. Blank matches everyone (undefined); over
 * the length limit is BAD_USER_INPUT.
 */
export const memberSearchWhere = (search: string): Result<Prisma.MemberWhereInput | undefined> => {
  const text = search.trim();
  if (text.length > MAX_MEMBER_SEARCH_LENGTH)
    return fail(ErrorCode.BAD_USER_INPUT, `search must be at most ${MAX_MEMBER_SEARCH_LENGTH} characters`, {
      field: ['search'],
    });
  if (text === '') return ok(undefined);
  const byName: Prisma.MemberWhereInput = {
    displayName: { contains: literalLike(text), mode: 'insensitive' },
  };
  const byKey = memberKeyMatch(text);
  if (!byKey) return ok(byName);
  const keyByForm = /^0x/i.test(text) || text.startsWith('zQ3');
  return ok(keyByForm ? byKey : { OR: [byName, byKey] });
};
