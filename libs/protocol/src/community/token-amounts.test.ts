import { describe, expect, it } from '@jest/globals';
import type { AmountSource } from './token-amounts.js';
import {
  deprecatedAmount,
  effectiveAmountInWei,
  requiredErc20Amount,
  requiredErc721Count,
} from './token-amounts.js';

const erc20 = (amount: string, decimals: number, amountInWei = ''): AmountSource => ({
  type: 'ERC20',
  amount,
  amountInWei,
  decimals,
});

describe('amountInWei (SG community.go upgradeTokenPermissions)', () => {
  it('takes amountInWei as it is when set, whatever the deprecated amount says', () => {
    expect(requiredErc20Amount(erc20('5', 18, '2000000000000000000'))).toBe(2n * 10n ** 18n);
    expect(requiredErc20Amount(erc20('', 0, '7'))).toBe(7n);
  });

  it('upgrades an ERC20 amount with 18 and 0 decimals', () => {
    expect(effectiveAmountInWei(erc20('2', 18))).toBe('2000000000000000000');
    expect(effectiveAmountInWei(erc20('0.5', 18))).toBe('500000000000000000');
    expect(effectiveAmountInWei(erc20('1.1', 18))).toBe('1100000000000000000');
    expect(effectiveAmountInWei(erc20('3', 0))).toBe('3');
    // int() truncates: half a token of a 0-decimals ERC20 is 0.
    expect(effectiveAmountInWei(erc20('0.5', 0))).toBe('0');
  });

  it('rounds huge amounts to big.Float 64-bit precision, as status-go does', () => {
    // 2^64 + 1 is not representable in a 64-bit mantissa: it rounds to 2^64 (ties to even).
    expect(effectiveAmountInWei(erc20('18446744073709551617', 0))).toBe('18446744073709551616');
    // 10^30 needs more than 64 bits (5^30 > 2^64): it is rounded, then the product with 10^18 is rounded again
    // (value checked with Python's exact fractions, rounding to 64 bits ties-to-even at each step).
    const wei = effectiveAmountInWei(erc20('1000000000000000000000000000000', 18));
    expect(wei).toBe('1000000000000000000032669174688018665404243116032');
  });

  it('reads non-ERC20 amounts as integers and fails text that is no number', () => {
    expect(effectiveAmountInWei({ type: 'ERC721', amount: '2', amountInWei: '', decimals: 0 })).toBe('2');
    expect(requiredErc20Amount(erc20('lots', 18))).toBeUndefined();
    expect(requiredErc20Amount(erc20('', 18, '1.5'))).toBeUndefined();
  });

  it('parses an ERC721 count as ParseUint(…, 10, 32)', () => {
    const erc721 = (amountInWei: string): AmountSource => ({
      type: 'ERC721',
      amount: '',
      amountInWei,
      decimals: 0,
    });
    expect(requiredErc721Count(erc721('2'))).toBe(2n);
    expect(requiredErc721Count(erc721('4294967295'))).toBe(4294967295n);
    expect(requiredErc721Count(erc721('4294967296'))).toBeUndefined();
    expect(requiredErc721Count(erc721('-1'))).toBeUndefined();
  });
});

describe('deprecated amount for old readers (SG FillDeprecatedAmount: big.Float %.10g)', () => {
  it('formats like Go', () => {
    expect(deprecatedAmount('ERC20', '2000000000000000000', 18)).toBe('2');
    expect(deprecatedAmount('ERC20', '500000000000000000', 18)).toBe('0.5');
    expect(deprecatedAmount('ERC20', '1', 18)).toBe('1e-18');
    expect(deprecatedAmount('ERC20', '12345', 4)).toBe('1.2345');
    expect(deprecatedAmount('ERC20', '10000000000', 0)).toBe('1e+10');
    expect(deprecatedAmount('ERC20', '123456789012', 0)).toBe('1.23456789e+11');
    expect(deprecatedAmount('ERC20', '99999999999', 0)).toBe('1e+11');
    expect(deprecatedAmount('ERC20', '1000', 7)).toBe('0.0001');
    expect(deprecatedAmount('ERC20', '100', 7)).toBe('1e-05');
  });

  it('leaves other types as amountInWei', () => {
    expect(deprecatedAmount('ERC721', '3', 0)).toBe('3');
  });
});
