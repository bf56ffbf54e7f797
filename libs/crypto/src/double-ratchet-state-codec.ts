import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bytesToHex, hexToBytes, utf8ToBytes } from './bytes.js';
import type { RatchetState, SkippedMessageKey } from './double-ratchet.js';
import {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  isValidPrivateKey,
  isValidPublicKey,
  publicKeyFromPrivateKey,
} from './keys.js';

// A RatchetState as bytes to persist (sealed at rest by the caller) and back. JSON with hex strings: small,
// readable when debugging a session, and versioned so a later layout can be told apart. The public half of
// our ratchet key is derived again instead of stored, so a stored state cannot pair keys that do not match.

const FORMAT_VERSION = 1;
const KEY_LENGTH = 32;

interface StoredSkippedKey {
  readonly ratchetKey: string;
  readonly n: number;
  readonly messageKey: string;
  readonly seq: number;
}

interface StoredRatchetState {
  readonly v: number;
  readonly rootKey: string;
  readonly sendChainKey: string;
  readonly sendN: number;
  readonly recvChainKey: string;
  readonly recvN: number;
  readonly pn: number;
  readonly ourRatchetPrivateKey: string;
  readonly theirRatchetKey: string | null;
  readonly keysCount: number;
  readonly skippedKeys: readonly StoredSkippedKey[];
}

/** The bytes to store for a session state. */
export const encodeRatchetState = (state: RatchetState): Uint8Array => {
  const stored: StoredRatchetState = {
    v: FORMAT_VERSION,
    rootKey: bytesToHex(state.rootKey),
    sendChainKey: bytesToHex(state.sendChainKey),
    sendN: state.sendN,
    recvChainKey: bytesToHex(state.recvChainKey),
    recvN: state.recvN,
    pn: state.pn,
    ourRatchetPrivateKey: bytesToHex(state.ourRatchetKey.privateKey),
    theirRatchetKey: state.theirRatchetKey ? bytesToHex(state.theirRatchetKey) : null,
    keysCount: state.keysCount,
    skippedKeys: state.skippedKeys.map((k) => ({
      ratchetKey: bytesToHex(k.ratchetKey),
      n: k.n,
      messageKey: bytesToHex(k.messageKey),
      seq: k.seq,
    })),
  };
  return utf8ToBytes(JSON.stringify(stored));
};

class StateFormatError extends Error {}

const record = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StateFormatError(`${what} is not an object`);
  return value as Record<string, unknown>;
};

const counter = (value: unknown, what: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new StateFormatError(`${what} is not a non-negative integer`);
  return value;
};

const bytes = (value: unknown, length: number, what: string): Uint8Array => {
  const parsed = typeof value === 'string' ? hexToBytes(value) : null;
  if (!parsed?.ok || parsed.value.length !== length)
    throw new StateFormatError(`${what} is not ${length} bytes of hex`);
  return parsed.value;
};

const publicKey = (value: unknown, what: string): Uint8Array => {
  const key = bytes(value, COMPRESSED_PUBLIC_KEY_LENGTH, what);
  if (!isValidPublicKey(key)) throw new StateFormatError(`${what} is not a secp256k1 public key`);
  return key;
};

const skippedKey = (value: unknown, index: number): SkippedMessageKey => {
  const k = record(value, `skipped key ${index}`);
  return {
    ratchetKey: publicKey(k['ratchetKey'], `skipped key ${index} ratchet key`),
    n: counter(k['n'], `skipped key ${index} n`),
    messageKey: bytes(k['messageKey'], KEY_LENGTH, `skipped key ${index} message key`),
    seq: counter(k['seq'], `skipped key ${index} seq`),
  };
};

const parse = (data: Uint8Array): RatchetState => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    throw new StateFormatError('not UTF-8 JSON');
  }
  const s = record(json, 'state');
  if (s['v'] !== FORMAT_VERSION) throw new StateFormatError(`unknown format version ${String(s['v'])}`);
  const ourPrivate = bytes(s['ourRatchetPrivateKey'], KEY_LENGTH, 'our ratchet key');
  if (!isValidPrivateKey(ourPrivate))
    throw new StateFormatError('our ratchet key is not a secp256k1 private key');
  const skipped = s['skippedKeys'];
  if (!Array.isArray(skipped)) throw new StateFormatError('skipped keys are not a list');
  return {
    rootKey: bytes(s['rootKey'], KEY_LENGTH, 'root key'),
    sendChainKey: bytes(s['sendChainKey'], KEY_LENGTH, 'sending chain key'),
    sendN: counter(s['sendN'], 'sendN'),
    recvChainKey: bytes(s['recvChainKey'], KEY_LENGTH, 'receiving chain key'),
    recvN: counter(s['recvN'], 'recvN'),
    pn: counter(s['pn'], 'pn'),
    ourRatchetKey: {
      privateKey: ourPrivate,
      publicKey: publicKeyFromPrivateKey(ourPrivate, { compressed: true }),
    },
    theirRatchetKey:
      s['theirRatchetKey'] === null ? null : publicKey(s['theirRatchetKey'], 'their ratchet key'),
    keysCount: counter(s['keysCount'], 'keysCount'),
    skippedKeys: skipped.map(skippedKey),
  };
};

/** Reads stored state bytes; anything not written by encodeRatchetState is MALFORMED_PAYLOAD. */
export const decodeRatchetState = (data: Uint8Array): Result<RatchetState> => {
  try {
    return ok(parse(data));
  } catch (error) {
    if (error instanceof StateFormatError)
      return fail(ErrorCode.MALFORMED_PAYLOAD, `stored ratchet state: ${error.message}`);
    throw error;
  }
};
