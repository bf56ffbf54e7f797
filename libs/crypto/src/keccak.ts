import { createRequire } from 'node:module';
import jsSha3 from 'js-sha3';

/** The part of the `keccak` 3.x package's native binding (XKCP through N-API) this module uses. */
interface NativeKeccakHash {
  /** Buffers only: a plain Uint8Array is refused. */
  update(data: Buffer): NativeKeccakHash;
  digest(): Uint8Array;
}
type NativeKeccak = (algorithm: 'keccak256') => NativeKeccakHash;

/**
 * The prebuilt binding, or null (optional dependency absent, no prebuild for this platform). Its
 * `bindings.js` rather than the package main, which would fall back to a pure-JS Keccak silently.
 */
export const loadNativeKeccak = (): NativeKeccak | null => {
  try {
    const loaded: unknown = createRequire(import.meta.url)('keccak/bindings.js');
    return typeof loaded === 'function' ? (loaded as NativeKeccak) : null;
  } catch {
    return null;
  }
};

const native = loadNativeKeccak();

/**
 * Below this many bytes the binding's per-call cost outweighs its speed (measured here: even at 256 B, 5× faster
 * from 16 KiB, 5× on a 700 KB description); js-sha3 hashes the small inputs of the receive path (message ids,
 * 32-byte payload hashes).
 */
export const NATIVE_KECCAK_MIN_BYTES = 1024;

export const jsKeccak256 = (bytes: Uint8Array): Uint8Array =>
  new Uint8Array(jsSha3.keccak256.arrayBuffer(bytes));

/** Which implementation hashes inputs of NATIVE_KECCAK_MIN_BYTES and more. */
export const keccakBackendName: 'native' | 'js-sha3' = native ? 'native' : 'js-sha3';

/**
 * Ethereum's Keccak-256 (pre-NIST padding; not SHA3-256). SG eth-node/crypto Keccak256.
 * js-sha3 rather than @noble/hashes for small inputs (~3.5× faster here on the receive path); the native binding
 * for large ones (descriptions of thousands of members: three hashes of ~700 KB per publish). keccak.test.ts
 * holds both to @noble's output.
 */
export const keccak256 = (bytes: Uint8Array): Uint8Array =>
  native && bytes.length >= NATIVE_KECCAK_MIN_BYTES
    ? new Uint8Array(
        native('keccak256')
          .update(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))
          .digest(),
      )
    : jsKeccak256(bytes);

/**
 * keccak256 of the parts one after the other, without building their concatenation (a message id hashes the
 * signer's key and the AMM bytes of every received message).
 */
export const keccak256Concat = (parts: readonly Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const part of parts) length += part.length;
  if (native && length >= NATIVE_KECCAK_MIN_BYTES) {
    const hash = native('keccak256');
    for (const part of parts) hash.update(Buffer.from(part.buffer, part.byteOffset, part.length));
    return new Uint8Array(hash.digest());
  }
  const hash = jsSha3.keccak256.create();
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.arrayBuffer());
};
