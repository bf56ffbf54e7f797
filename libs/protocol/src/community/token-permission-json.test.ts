import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { TokenPermissionModel } from './description-model.js';
import { tokenCriteriaToJson, tokenPermissionFromJson } from './token-permission-json.js';

const permission: TokenPermissionModel = {
  id: 'p1',
  type: 'BECOME_MEMBER',
  chatIds: [],
  isPrivate: false,
  criteria: [
    {
      type: 'ERC721',
      contractAddresses: new Map([['10', '0x' + 'ab'.repeat(20)]]),
      symbol: 'COL',
      name: 'Collectible',
      amount: '1',
      amountInWei: '1',
      tokenIds: ['10'],
      ensPattern: '',
      decimals: 0,
    },
  ],
};

describe('stored token permissions', () => {
  it('round-trips through JSON', () => {
    const stored = JSON.parse(JSON.stringify(permission.criteria.map(tokenCriteriaToJson))) as unknown;
    const read = tokenPermissionFromJson({ ...permission, criteria: stored });
    expect(read.ok && read.value).toEqual(permission);
  });

  it('refuses rows that are no permission', () => {
    const bad = tokenPermissionFromJson({ ...permission, type: 'BECOME_KING', criteria: [] });
    expect(!bad.ok && bad.error.code).toBe(ErrorCode.INVALID_DESCRIPTION);
    expect(tokenPermissionFromJson({ ...permission, criteria: {} }).ok).toBe(false);
  });
});
