// Opens a routed Waku payload: the route's pbkdf2 key (cached by libs/crypto), segments reassembled, layers
// unwrapped, both signatures recovered — libs/protocol's openStatusMessage does the work. Split in two so
// the costly half can run on a decode thread: `openWithKeys` returns plain, structured-cloneable data (the
// inner protobuf still bytes), and `toDecoded` reads the inner message once, where the rules run.
import { bug, ErrorCode } from '@status-communities/errors';
import { decodeInnerMessage, openStatusMessage } from '@status-communities/protocol';
import type { DecodedInnerMessage, EncryptedLayer, SegmentAssembler } from '@status-communities/protocol';
import type { Route } from '../routing/route-table.js';
import type { Base64Scratch } from './base64-scratch.js';

export type SymmetricRoute = Extract<Route, { kind: 'symmetric' }>;

/** What opening a payload gave; `route` is the index of the key that opened it. */
export type Opened =
  | {
      readonly kind: 'message';
      readonly route: number;
      readonly type: number;
      /** The AMM signer, else the envelope signer (65 bytes). */
      readonly signer: Uint8Array;
      readonly messageId: string;
      /** The inner protobuf bytes. */
      readonly payload: Uint8Array;
      /** The signed AMM bytes. */
      readonly applicationMessage: Uint8Array;
      /** Map keys of the rekey envelope around it (a description of an encrypted community), if any. */
      readonly rekeyEntries?: readonly number[];
    }
  | { readonly kind: 'encrypted'; readonly route: number; readonly encryption: EncryptedLayer }
  | { readonly kind: 'segment'; readonly route: number }
  | { readonly kind: 'failed'; readonly code: ErrorCode };

/** What a decoding thread keeps from one payload to the next. */
export interface OpenState {
  readonly assembler: SegmentAssembler;
  readonly scratch: Base64Scratch;
}

/**
 * Opens a job's base64 payload. Tries each key in turn (colliding 4-byte topics give several routes); the
 * first key that opens the envelope decides, and a later failure (bad signature, garbage inside) is the
 * message's own.
 */
export const openWithKeys = (
  base64Payload: string,
  symKeys: readonly Uint8Array[],
  { assembler, scratch }: OpenState,
  nowMs: number,
): Opened => {
  const payload = scratch.decode(base64Payload);
  const segments = { assembler, nowMs };
  let firstFailure: ErrorCode | undefined;
  for (let route = 0; route < symKeys.length; route++) {
    const decoded = openStatusMessage(payload, { symKey: symKeys[route] }, { segments });
    if (decoded.ok) {
      const value = decoded.value;
      if (value.kind === 'segment') return { kind: 'segment', route };
      if (value.kind === 'encrypted') return { kind: 'encrypted', route, encryption: value.encryption };
      const { type, signer, messageId, applicationMessage } = value;
      const rekey = value.keyExchange?.keys?.rekeyGroup?.keys;
      return {
        kind: 'message',
        route,
        type,
        signer,
        messageId,
        payload: value.payload,
        applicationMessage,
        ...(rekey && { rekeyEntries: Object.keys(rekey).map(Number) }),
      };
    }
    if (decoded.error.code !== ErrorCode.DECRYPTION_FAILED)
      return { kind: 'failed', code: decoded.error.code };
    firstFailure ??= decoded.error.code;
  }
  if (!firstFailure) bug('openWithKeys needs at least one key');
  return { kind: 'failed', code: firstFailure };
};

/** A signed, verified Status message with its typed inner message. */
export type VerifiedMessage = DecodedInnerMessage & {
  readonly signer: Uint8Array;
  readonly messageId: string;
  readonly applicationMessage: Uint8Array;
};

export type Decoded =
  | {
      readonly kind: 'message';
      readonly route: SymmetricRoute;
      readonly message: VerifiedMessage;
      /** Map keys of its rekey envelope: a bot of ours named there is handed the message (member keys). */
      readonly rekeyEntries?: readonly number[];
      /** A description's private part under a key we hold did not open (private-description.ts). */
      readonly privateDataRefused?: ErrorCode;
    }
  /**
   * Hash-ratchet (token-gated) or 1:1 traffic we hold no key for: counted, never read. `keyMissing`: a hosted
   * community's message under a key not stored (yet) — held until the community's clock moves.
   */
  | {
      readonly kind: 'encrypted';
      readonly route: SymmetricRoute;
      readonly encryption: EncryptedLayer;
      readonly keyMissing?: boolean;
    }
  /** A part of a segmented payload that is not complete yet. */
  | { readonly kind: 'segment'; readonly route: SymmetricRoute }
  | { readonly kind: 'failed'; readonly code: ErrorCode };

/** The metrics label of a decode failure: its error code, in the reasons' kebab case. */
export const decodeFailureReason = (code: ErrorCode): string => code.toLowerCase().replaceAll('_', '-');

/** Attaches the route and reads the inner protobuf (microseconds; the signatures were the cost). */
export const toDecoded = (opened: Opened, routes: readonly SymmetricRoute[]): Decoded => {
  if (opened.kind === 'failed') return opened;
  const route = routes[opened.route];
  if (!route) bug(`decoded with key ${opened.route} of ${routes.length}`);
  if (opened.kind === 'segment') return { kind: 'segment', route };
  if (opened.kind === 'encrypted') return { kind: 'encrypted', route, encryption: opened.encryption };
  const inner = decodeInnerMessage(opened.type, opened.payload);
  if (!inner.ok) return { kind: 'failed', code: inner.error.code };
  const { signer, messageId, applicationMessage, rekeyEntries } = opened;
  return {
    kind: 'message',
    route,
    message: { ...inner.value, signer, messageId, applicationMessage },
    ...(rekeyEntries && { rekeyEntries }),
  };
};
