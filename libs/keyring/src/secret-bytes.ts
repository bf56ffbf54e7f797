import { inspect } from 'node:util';
import {
  bytesToHex,
  isValidPrivateKey,
  parsePrivateKey,
  generatePrivateKey,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  publicKeyToCompressedHex,
  publicKeyToHex,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/** What every secret prints as, whatever path (String, JSON, util.inspect, pino) it takes to a log. */
export const REDACTED_SECRET = '[redacted]';

/**
 * Secret bytes that cannot leak by accident: the bytes live in a private field, so JSON.stringify,
 * util.inspect, template strings and structured logging all see `[redacted]`. Reading them is an explicit
 * `reveal()`, easy to find in review.
 */
export class SecretBytes {
  readonly #bytes: Uint8Array;

  protected constructor(bytes: Uint8Array) {
    // A copy: the caller's buffer may be reused or wiped independently.
    this.#bytes = Uint8Array.from(bytes);
  }

  /** Wraps a copy of `bytes`. */
  static of(bytes: Uint8Array): SecretBytes {
    return new SecretBytes(bytes);
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** The secret itself, for the one call that needs it (sign, encrypt). Never log or persist the result. */
  reveal(): Uint8Array {
    return this.#bytes;
  }

  /** Lowercase hex without `0x`, for an audited export. */
  revealHex(): string {
    return bytesToHex(this.#bytes);
  }

  /** Overwrites the bytes with zeros; the object is useless afterwards. */
  wipe(): void {
    this.#bytes.fill(0);
  }

  toString(): string {
    return REDACTED_SECRET;
  }

  toJSON(): string {
    return REDACTED_SECRET;
  }

  [inspect.custom](): string {
    return `${this.constructor.name} ${REDACTED_SECRET}`;
  }
}

/** A secp256k1 private key (community key, bot identity, wallet) with its public half at hand. */
export class SecretKey extends SecretBytes {
  /** 65-byte uncompressed public key. */
  readonly publicKey: Uint8Array;

  private constructor(privateKey: Uint8Array) {
    super(privateKey);
    this.publicKey = publicKeyFromPrivateKey(privateKey);
  }

  /** A fresh random key (CSPRNG). */
  static generate(): SecretKey {
    const bytes = generatePrivateKey();
    const key = new SecretKey(bytes);
    bytes.fill(0);
    return key;
  }

  /** A copy of 32 bytes that are a valid secp256k1 private key; INVALID_KEY otherwise. */
  static fromBytes(bytes: Uint8Array): Result<SecretKey> {
    if (!isValidPrivateKey(bytes)) return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
    return ok(new SecretKey(bytes));
  }

  /** From hex (optional `0x`), as keys are imported. The error never echoes the input. */
  static fromHex(hex: string): Result<SecretKey> {
    const parsed = parsePrivateKey(hex);
    if (!parsed.ok) return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key in hex');
    const key = new SecretKey(parsed.value);
    parsed.value.fill(0);
    return ok(key);
  }

  /** `0x04…`: how Status names members and the keyring indexes identity and community keys. */
  get publicKeyHex(): string {
    return publicKeyToHex(this.publicKey);
  }

  /** `0x02…`/`0x03…`: the community ID when this is a community key. */
  get compressedPublicKeyHex(): string {
    return publicKeyToCompressedHex(this.publicKey);
  }

  /** Lowercase `0x` Ethereum address: how the keyring indexes wallet keys. */
  get address(): string {
    return publicKeyToAddress(this.publicKey);
  }
}
