// Opens a routed Waku payload: the route's pbkdf2 key (cached by libs/crypto), segments reassembled, layers
// unwrapped, signatures recovered — libs/protocol's decodeStatusMessage does the work.
import { ErrorCode } from '@status-communities/errors';
import type { StatusError } from '@status-communities/errors';
import { decodeStatusMessage } from '@status-communities/protocol';
import type {
  DecodedStatusMessage,
  EncryptedStatusMessage,
  SegmentAssembler,
} from '@status-communities/protocol';
import type { Route } from '../routing/route-table.js';

type SymmetricRoute = Extract<Route, { kind: 'symmetric' }>;

export type Decoded =
  | { readonly kind: 'message'; readonly route: SymmetricRoute; readonly message: DecodedStatusMessage }
  /** Hash-ratchet (token-gated) or 1:1 traffic: counted, never read. */
  | { readonly kind: 'encrypted'; readonly route: SymmetricRoute; readonly message: EncryptedStatusMessage }
  /** A part of a segmented payload that is not complete yet. */
  | { readonly kind: 'segment'; readonly route: SymmetricRoute }
  | { readonly kind: 'failed'; readonly error: StatusError };

/** The metrics label of a decode failure: its error code, in the reasons' kebab case. */
export const decodeFailureReason = (error: StatusError): string =>
  error.code.toLowerCase().replaceAll('_', '-');

/**
 * Tries each route's key in turn (colliding 4-byte topics give several); the first key that opens the
 * envelope decides, and a later failure (bad signature, garbage inside) is the message's own.
 */
export const decodeRouted = (
  payload: Uint8Array,
  routes: readonly SymmetricRoute[],
  segments: { readonly assembler: SegmentAssembler; readonly nowMs: number },
): Decoded => {
  let firstError: StatusError | undefined;
  for (const route of routes) {
    const symKey = route.topic.symKey;
    // Symmetric routes always carry a key; the ECIES request topic never reaches the decoder.
    if (!symKey) continue;
    const decoded = decodeStatusMessage(payload, { symKey }, { segments });
    if (decoded.ok) {
      const value = decoded.value;
      if (value.kind === 'message') return { kind: 'message', route, message: value };
      if (value.kind === 'encrypted') return { kind: 'encrypted', route, message: value };
      return { kind: 'segment', route };
    }
    if (decoded.error.code !== ErrorCode.DECRYPTION_FAILED) return { kind: 'failed', error: decoded.error };
    firstError ??= decoded.error;
  }
  if (!firstError) throw new Error('decodeRouted needs at least one symmetric route');
  return { kind: 'failed', error: firstError };
};
