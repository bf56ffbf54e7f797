import {
  decompressPublicKey,
  deserializePublicKey,
  parsePublicKeyHex,
  publicKeyToHex,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/**
 * A Status user's key in any form people copy it in — `0x04…`, compressed `0x02…`/`0x03…` (any hex case), or
 * the app's `zQ3…` chat key — as the `0x04…` lowercase form commands, rows and events carry. Off-curve keys
 * are refused: a message to one could never be opened.
 */
export const normalisePeerKey = (text: string): Result<string> => {
  const bytes = text.startsWith('z') ? deserializePublicKey(text) : parsePublicKeyHex(text.toLowerCase());
  if (!bytes.ok)
    return fail(
      ErrorCode.INVALID_KEY,
      `peerKey: expected a public key (0x04…, 0x02…/0x03… or zQ3…): ${bytes.error.message}`,
    );
  const uncompressed = decompressPublicKey(bytes.value);
  return uncompressed.ok ? ok(publicKeyToHex(uncompressed.value)) : uncompressed;
};

/** normalisePeerKey as an input rule (FieldCheck). */
export const checkPeerKey = (text: string): Result<void> => {
  const key = normalisePeerKey(text);
  return key.ok ? ok(undefined) : key;
};
