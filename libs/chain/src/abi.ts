import { bytesToHex, keccak256, utf8ToBytes } from '@status-communities/crypto';

/**
 * The few Solidity ABI shapes token permissions need, on hex text (what JSON-RPC carries). Selectors are
 * checked against keccak256 of their signatures in abi.test.ts.
 */
export const SELECTORS = {
  /** ERC20 and ERC721 balanceOf(address). */
  balanceOf: '70a08231',
  /** ERC721 ownerOf(uint256). */
  ownerOf: '6352211e',
  /** ENS registry resolver(bytes32). */
  resolver: '0178b8bf',
  /** ENS resolver name(bytes32). */
  name: '691f3431',
  /** Multicall3 aggregate3((address,bool,bytes)[]). */
  aggregate3: '82ad56cb',
} as const;

const WORD = 64;

const strip = (hex: string): string => (hex.startsWith('0x') ? hex.slice(2) : hex);
const word = (value: bigint): string => value.toString(16).padStart(WORD, '0');
const padRight = (hex: string): string => hex.padEnd(Math.ceil(hex.length / WORD) * WORD, '0');

export const encodeAddress = (address: string): string => strip(address).toLowerCase().padStart(WORD, '0');
export const encodeUint256 = (value: bigint): string => word(value);

/** A call with one static argument, as `0x` calldata. */
export const callData = (selector: string, argument: string): string => `0x${selector}${argument}`;

/** A uint256 return value; undefined for anything that is not at least one word (e.g. no contract code). */
export const decodeUint256 = (data: string): bigint | undefined => {
  const hex = strip(data);
  return hex.length >= WORD ? BigInt('0x' + hex.slice(0, WORD)) : undefined;
};

export const decodeAddress = (data: string): string | undefined => {
  const value = decodeUint256(data);
  return value === undefined ? undefined : '0x' + value.toString(16).padStart(40, '0').slice(-40);
};

const wordAt = (hex: string, byteOffset: number): bigint | undefined => {
  const start = byteOffset * 2;
  if (start + WORD > hex.length) return undefined;
  return BigInt('0x' + hex.slice(start, start + WORD));
};

/** Dynamic `bytes` at `offset` (bytes, from the start of `hex`), as hex without 0x. */
const bytesAt = (hex: string, offset: number): string | undefined => {
  const length = wordAt(hex, offset);
  if (length === undefined) return undefined;
  const start = (offset + 32) * 2;
  const end = start + Number(length) * 2;
  return end <= hex.length ? hex.slice(start, end) : undefined;
};

/** A `string` return value (one dynamic argument); undefined when the data is not one. */
export const decodeString = (data: string): string | undefined => {
  const hex = strip(data);
  const offset = wordAt(hex, 0);
  if (offset === undefined || offset > BigInt(hex.length)) return undefined;
  const bytes = bytesAt(hex, Number(offset));
  if (bytes === undefined) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(Buffer.from(bytes, 'hex')));
};

/** ENS namehash (EIP-137) of a normalised name, as hex without 0x. */
export const namehash = (name: string): string => {
  let node: Uint8Array = new Uint8Array(32);
  if (name !== '')
    for (const label of name.split('.').reverse()) {
      const joined = new Uint8Array(64);
      joined.set(node, 0);
      joined.set(keccak256(utf8ToBytes(label)), 32);
      node = keccak256(joined);
    }
  return bytesToHex(node);
};

/** The reverse-record node of an address: namehash("<40 lowercase hex digits>.addr.reverse"). */
export const reverseNode = (address: string): string =>
  namehash(`${strip(address).toLowerCase()}.addr.reverse`);

export interface EthCall {
  /** Contract address. */
  readonly to: string;
  /** `0x` calldata. */
  readonly data: string;
}

/** Multicall3 aggregate3 calldata for `calls`, each allowed to fail on its own. */
export const encodeAggregate3 = (calls: readonly EthCall[]): string => {
  const tuples = calls.map(({ to, data }) => {
    const payload = strip(data);
    return encodeAddress(to) + word(1n) + word(0x60n) + word(BigInt(payload.length / 2)) + padRight(payload);
  });
  const heads: string[] = [];
  let offset = calls.length * 32;
  for (const tuple of tuples) {
    heads.push(word(BigInt(offset)));
    offset += tuple.length / 2;
  }
  return `0x${SELECTORS.aggregate3}${word(0x20n)}${word(BigInt(calls.length))}${heads.join('')}${tuples.join('')}`;
};

/** aggregate3's `(bool success, bytes returnData)[]`: `0x` data per call, undefined where it reverted. */
export const decodeAggregate3 = (data: string, count: number): (string | undefined)[] | undefined => {
  const hex = strip(data);
  const arrayOffset = wordAt(hex, 0);
  if (arrayOffset === undefined) return undefined;
  const base = Number(arrayOffset);
  const length = wordAt(hex, base);
  if (length === undefined || Number(length) !== count) return undefined;
  const items = base + 32;
  const results: (string | undefined)[] = [];
  for (let index = 0; index < count; index++) {
    const tupleOffset = wordAt(hex, items + index * 32);
    if (tupleOffset === undefined) return undefined;
    const tuple = items + Number(tupleOffset);
    const success = wordAt(hex, tuple);
    const bytesOffset = wordAt(hex, tuple + 32);
    if (success === undefined || bytesOffset === undefined) return undefined;
    const returned = bytesAt(hex, tuple + Number(bytesOffset));
    if (returned === undefined) return undefined;
    results.push(success === 1n ? '0x' + returned : undefined);
  }
  return results;
};
