import type { CommunityTokenType } from './description-model.js';

/**
 * Token amounts as status-go reads them. `amountInWei` (a decimal integer string) is authoritative; old
 * senders only fill the deprecated human `amount`, which status-go upgrades with big.Float arithmetic at its
 * default 64-bit mantissa (community.go upgradeTokenPermissions).
 */

const GO_FLOAT_PRECISION = 64n;

/** A non-negative rational p/q, exact. */
interface Rational {
  readonly p: bigint;
  readonly q: bigint;
}

const bitLength = (n: bigint): bigint => BigInt(n.toString(2).length);

/**
 * Rounds p/q (p ≥ 0) to a 64-bit mantissa, ties to even, as big.Float does for every result at precision 64.
 * Returned as an exact rational again.
 */
const roundToGoFloat = ({ p, q }: Rational): Rational => {
  if (p === 0n) return { p: 0n, q: 1n };
  // Choose e so that 2^63 ≤ p·2^-e / q < 2^64, then round the integer part.
  let e = bitLength(p) - bitLength(q) - GO_FLOAT_PRECISION;
  const scaled = (shift: bigint): Rational => (shift >= 0n ? { p, q: q << shift } : { p: p << -shift, q });
  let { p: sp, q: sq } = scaled(e);
  while (sp / sq >= 1n << GO_FLOAT_PRECISION) ({ p: sp, q: sq } = scaled(++e));
  while (sp / sq < 1n << (GO_FLOAT_PRECISION - 1n)) ({ p: sp, q: sq } = scaled(--e));
  let mantissa = sp / sq;
  const remainder2 = (sp % sq) * 2n;
  if (remainder2 > sq || (remainder2 === sq && mantissa % 2n === 1n)) mantissa += 1n;
  return e >= 0n ? { p: mantissa << e, q: 1n } : { p: mantissa, q: 1n << -e };
};

/** big.Float SetString's decimal forms: digits with an optional fraction and exponent. */
const DECIMAL = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

const parseDecimal = (text: string): Rational | undefined => {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(whole + fraction || '0');
  const scale = BigInt(exponent) - BigInt(fraction.length);
  return scale >= 0n ? { p: digits * 10n ** scale, q: 1n } : { p: digits, q: 10n ** -scale };
};

/** Go big.Int SetString(s, 10): an optional sign and decimal digits, nothing else. */
const parseBigInt = (text: string): bigint | undefined =>
  /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;

export interface AmountSource {
  readonly type: CommunityTokenType;
  readonly amount: string;
  readonly amountInWei: string;
  readonly decimals: number;
}

/**
 * The amountInWei a criterion stands for: its own when set, else the deprecated `amount` upgraded — ERC20
 * `int(float(amount) · 10^decimals)` (64-bit mantissa, truncated), other types `amount` as it is.
 * Undefined when the text is no number (status-go then fails the criterion).
 */
export const effectiveAmountInWei = (criteria: AmountSource): string | undefined => {
  if (criteria.amountInWei !== '') return criteria.amountInWei;
  if (criteria.type !== 'ERC20') return criteria.amount;
  const amount = parseDecimal(criteria.amount);
  if (!amount) return undefined;
  const float = roundToGoFloat(amount);
  const product = roundToGoFloat({ p: float.p * 10n ** BigInt(criteria.decimals), q: float.q });
  return (product.p / product.q).toString();
};

/** The raw ERC20 balance a criterion requires (big.Int of amountInWei), or undefined when it is no integer. */
export const requiredErc20Amount = (criteria: AmountSource): bigint | undefined => {
  const wei = effectiveAmountInWei(criteria);
  return wei === undefined ? undefined : parseBigInt(wei);
};

const UINT32_MAX = 0xffff_ffffn;

/** The ERC721 count a criterion requires: strconv.ParseUint(amountInWei, 10, 32), undefined when it fails. */
export const requiredErc721Count = (criteria: AmountSource): bigint | undefined => {
  const wei = effectiveAmountInWei(criteria);
  if (wei === undefined || !/^\d+$/.test(wei)) return undefined;
  const count = BigInt(wei);
  return count <= UINT32_MAX ? count : undefined;
};

/** Go's %e exponent: a sign and at least two digits. */
const goExponent = (exponent: number): string =>
  (exponent < 0 ? '-' : '+') + String(Math.abs(exponent)).padStart(2, '0');

/**
 * The deprecated `amount` status-go fills for old readers (FillDeprecatedAmount): ERC20
 * `(amountInWei / 10^decimals).String()`, i.e. big.Float %.10g; other types amountInWei itself. The decimal
 * rounding is done on the exact quotient (the 64-bit intermediate only differs past 19 digits, below %.10g).
 */
export const deprecatedAmount = (type: CommunityTokenType, amountInWei: string, decimals: number): string => {
  if (type !== 'ERC20') return amountInWei;
  const wei = parseBigInt(amountInWei);
  if (wei === undefined) return amountInWei;
  const negative = wei < 0n;
  const p = negative ? -wei : wei;
  const q = 10n ** BigInt(decimals);
  if (p === 0n) return '0';
  // Significant digits: find the decimal exponent x with 10^x ≤ p/q < 10^(x+1).
  let exponent = p.toString().length - q.toString().length;
  if (p * 10n ** BigInt(Math.max(0, -exponent)) < q * 10n ** BigInt(Math.max(0, exponent))) exponent -= 1;
  const SIGNIFICANT = 10;
  const shift = SIGNIFICANT - 1 - exponent;
  const num = shift >= 0 ? p * 10n ** BigInt(shift) : p;
  const den = shift >= 0 ? q : q * 10n ** BigInt(-shift);
  let digits = num / den;
  const remainder2 = (num % den) * 2n;
  if (remainder2 > den || (remainder2 === den && digits % 2n === 1n)) digits += 1n;
  if (digits.toString().length > SIGNIFICANT) {
    digits /= 10n;
    exponent += 1;
  }
  const text = digits.toString().replace(/0+$/, '') || '0';
  let body: string;
  if (exponent < -4 || exponent >= SIGNIFICANT) {
    body =
      text.length > 1
        ? `${text[0]}.${text.slice(1)}e${goExponent(exponent)}`
        : `${text}e${goExponent(exponent)}`;
  } else if (exponent >= 0) {
    const whole = text.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = text.slice(exponent + 1);
    body = fraction ? `${whole}.${fraction}` : whole;
  } else {
    body = `0.${'0'.repeat(-exponent - 1)}${text}`;
  }
  return negative ? `-${body}` : body;
};
