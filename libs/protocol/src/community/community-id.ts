import { COMPRESSED_PUBLIC_KEY_LENGTH, compressPublicKey, hexToBytes } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/**
 * The 33-byte community key named by `CommunityDescription.ID`: `0x`-prefixed hex (SG eth-node/types
 * DecodeHex = hexutil.Decode, which requires the prefix), a compressed key on the curve (SG manager.go
 * HandleCommunityDescriptionMessage → crypto.DecompressPubkey).
 */
export const parseDescriptionCommunityId = (id: string): Result<Uint8Array> => {
  const invalid = (message: string) =>
    fail(ErrorCode.INVALID_DESCRIPTION, message, { reason: 'invalid-community-id', id: id.slice(0, 80) });
  if (!/^0[xX]/.test(id)) return invalid('community ID must start with 0x');
  const bytes = hexToBytes(id);
  if (!bytes.ok || bytes.value.length !== COMPRESSED_PUBLIC_KEY_LENGTH)
    return invalid('community ID must be 33 bytes of hex');
  const key = compressPublicKey(bytes.value);
  return key.ok ? ok(key.value) : invalid('community ID is not a secp256k1 public key');
};
