import { ErrorCode, fail } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { GCM_NONCE_LENGTH, GCM_TAG_LENGTH, decryptGcmNonceFirst, encryptGcmNonceFirst } from './aes-gcm.js';
import { concatBytes } from './bytes.js';
import { hashRatchetMemberMapKey } from './hash-ratchet.js';
import { decompressPublicKey, ecdhSharedX, isValidPrivateKey, publicKeyFromPrivateKey } from './keys.js';

// The per-member part of a group rekey (RekeyGroup.keys): the 32-byte group key sealed to each member.
// SG protocol/encryption/helpers.go buildGroupRekeyMessage / decryptGroupRekeyMessage; encrypted-communities.md §4.5.

const GROUP_KEY_LENGTH = 32;
/** nonce(12) ‖ ct(32) ‖ tag(16): one sealed key. SG helpers.go keySize. */
export const REKEY_ENTRY_LENGTH = GCM_NONCE_LENGTH + GROUP_KEY_LENGTH + GCM_TAG_LENGTH;

/**
 * RekeyGroup.keys for `recipients` (33/65-byte public keys): map key uint32_LE(uncompressed[1..4]), value
 * AES-256-GCM(ECDH(sender, recipient).x, groupKey) laid out nonce ‖ ct ‖ tag. Recipients whose map keys
 * collide share an entry: their 60-byte blobs are concatenated in the order given. `nonce` is for tests.
 * Throws on an invalid key (a bug: recipients come from a validated member list).
 */
export const sealRekeyGroupKeys = (
  senderPrivateKey: Uint8Array,
  recipients: readonly Uint8Array[],
  groupKey: Uint8Array,
  nonce?: (index: number) => Uint8Array,
): Map<number, Uint8Array> => {
  if (groupKey.length !== GROUP_KEY_LENGTH) throw new RangeError('a hash-ratchet key is 32 bytes');
  const entries = new Map<number, Uint8Array>();
  recipients.forEach((recipient, index) => {
    const uncompressed = decompressPublicKey(recipient);
    const shared = ecdhSharedX(senderPrivateKey, recipient);
    if (!uncompressed.ok) throw uncompressed.error;
    if (!shared.ok) throw shared.error;
    const sealed = encryptGcmNonceFirst(groupKey, shared.value, nonce?.(index));
    const mapKey = hashRatchetMemberMapKey(uncompressed.value);
    const previous = entries.get(mapKey);
    entries.set(mapKey, previous ? concatBytes(previous, sealed) : sealed);
  });
  return entries;
};

/**
 * The group key sealed to us in RekeyGroup.keys, opened with ECDH(our key, sender). The sender is the
 * Waku payload signer (status-go seals with the control node's identity key). Each 60-byte blob of our map
 * entry is tried, since map keys may collide. HASH_RATCHET_KEY_NOT_FOUND when no entry has our map key,
 * MALFORMED_PAYLOAD when the entry is not whole 60-byte blobs, DECRYPTION_FAILED when none opens.
 */
export const openRekeyGroupKey = (
  recipientPrivateKey: Uint8Array,
  senderPublicKey: Uint8Array,
  entries: ReadonlyMap<number, Uint8Array> | Readonly<Record<number, Uint8Array>>,
): Result<Uint8Array> => {
  if (!isValidPrivateKey(recipientPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
  const mapKey = hashRatchetMemberMapKey(publicKeyFromPrivateKey(recipientPrivateKey));
  const entry =
    entries instanceof Map ? entries.get(mapKey) : (entries as Record<number, Uint8Array>)[mapKey];
  if (entry === undefined || entry.length === 0)
    return fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'the rekey carries no key for us', { mapKey });
  if (entry.length % REKEY_ENTRY_LENGTH !== 0)
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'a rekey entry is a multiple of 60 bytes', {
      length: entry.length,
    });
  const shared = ecdhSharedX(recipientPrivateKey, senderPublicKey);
  if (!shared.ok) return shared;
  for (let offset = 0; offset < entry.length; offset += REKEY_ENTRY_LENGTH) {
    const opened = decryptGcmNonceFirst(entry.subarray(offset, offset + REKEY_ENTRY_LENGTH), shared.value);
    if (opened.ok) return opened;
  }
  return fail(ErrorCode.DECRYPTION_FAILED, 'no rekey blob opens with our shared key', { mapKey });
};
