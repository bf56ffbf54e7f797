import {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  checkRatchetHeader,
  isValidPublicKey,
} from '@status-communities/crypto';
import type { DhSealed, RatchetEncrypted, RatchetHeader } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { NO_INSTALLATION_ID } from '../messages/layers.js';
import { verifyBundle } from './bundles.js';
import type { VerifiedBundle } from './bundles.js';

// The 1:1 encryption layer: which entry of ProtocolMessage.encrypted_message is ours, what its headers
// say, and how to build one. SG protocol/encryption/encryptor.go (EncryptPayload, encryptWithDH,
// encryptUsingDR, DecryptPayload, GetMessage), protocol.go (BuildEncryptedMessage, HandleMessage).
// one-to-one.md §2.1, §2.5.

export interface X3dhHeaderFields {
  /** Initiator's 33-byte ephemeral key. */
  readonly ephemeralKey: Uint8Array;
  /** Our signed pre-key (33 bytes compressed) the initiator used: selects the private key. */
  readonly bundleId: Uint8Array;
}

export type DirectEntry =
  | { readonly kind: 'dh'; readonly ephemeralKey: Uint8Array; readonly payload: Uint8Array }
  | {
      readonly kind: 'ratchet';
      /** Present until the initiator has seen a reply (status-go stops once RatchetInfoConfirmed). */
      readonly x3dh?: X3dhHeaderFields;
      readonly header: RatchetHeader;
      /** DRHeader.id: the signed pre-key the session was built on. */
      readonly bundleId: Uint8Array;
      readonly payload: Uint8Array;
    };

export interface SelectedDirectEntry {
  /** Ours, or NO_INSTALLATION_ID. */
  readonly installationId: string;
  readonly entry: DirectEntry;
}

const isCompressedKey = (key: Uint8Array | null | undefined): key is Uint8Array =>
  !!key && key.length === COMPRESSED_PUBLIC_KEY_LENGTH && isValidPublicKey(key);

const malformed = (message: string): Result<never> => fail(ErrorCode.MALFORMED_PAYLOAD, message);

/** Reads one EncryptedMessageProtocol: a DR header (with or without X3DH) wins over DH, as in status-go. */
export const parseDirectEntry = (
  entry: status.encryption.EncryptedMessageProtocol.$Properties,
): Result<DirectEntry> => {
  const payload = entry.payload ?? new Uint8Array(0);
  const dr = entry.DRHeader;
  if (dr) {
    const header = checkRatchetHeader({ dh: dr.key ?? new Uint8Array(0), n: dr.n ?? 0, pn: dr.pn ?? 0 });
    if (!header.ok) return header;
    const bundleId = dr.id ?? new Uint8Array(0);
    if (bundleId.length === 0) return malformed('DR header without a bundle id');
    const x3dh = entry.X3DHHeader;
    if (!x3dh) return ok({ kind: 'ratchet', header: header.value, bundleId, payload });
    if (!isCompressedKey(x3dh.key)) return malformed('X3DH header key is not a 33-byte compressed key');
    if (!x3dh.id || x3dh.id.length === 0) return malformed('X3DH header without a bundle id');
    return ok({
      kind: 'ratchet',
      x3dh: { ephemeralKey: x3dh.key, bundleId: x3dh.id },
      header: header.value,
      bundleId,
      payload,
    });
  }
  if (entry.DHHeader) {
    if (!isCompressedKey(entry.DHHeader.key))
      return malformed('DH header key is not a 33-byte compressed key');
    return ok({ kind: 'dh', ephemeralKey: entry.DHHeader.key, payload });
  }
  return malformed('no 1:1 header (X3DH/DR or DH) in the entry');
};

/**
 * Our entry of a 1:1 ProtocolMessage: the one under our installation ID, else `"none"`. Neither is
 * status-go's ErrDeviceNotFound, here NOT_FOUND with reason `device-not-found` and the IDs present (the
 * peer encrypts to installations it believes we have: answer with our bundle).
 */
export const selectDirectEntry = (
  message: status.encryption.ProtocolMessage.$Properties,
  ourInstallationId: string,
): Result<SelectedDirectEntry> => {
  const entries = message.encryptedMessage ?? {};
  const installationId =
    ourInstallationId in entries
      ? ourInstallationId
      : NO_INSTALLATION_ID in entries
        ? NO_INSTALLATION_ID
        : null;
  if (installationId === null)
    return fail(ErrorCode.NOT_FOUND, 'no entry for our installation nor "none"', {
      reason: 'device-not-found',
      installationIds: Object.keys(entries),
    });
  const entry = parseDirectEntry(entries[installationId]!);
  return entry.ok ? ok({ installationId, entry: entry.value }) : entry;
};

/**
 * Verifies every bundle a ProtocolMessage carries; one bad bundle fails the whole message, as status-go's
 * HandleMessage drops it.
 */
export const verifyProtocolMessageBundles = (
  message: status.encryption.ProtocolMessage.$Properties,
): Result<VerifiedBundle[]> => {
  const verified: VerifiedBundle[] = [];
  for (const bundle of message.bundles ?? []) {
    const result = verifyBundle(bundle);
    if (!result.ok) return result;
    verified.push(result.value);
  }
  return ok(verified);
};

/** `{DH_header{key = EK}, payload}`: the `"none"` entry. */
export const dhEntry = (sealed: DhSealed): status.encryption.EncryptedMessageProtocol.$Properties => ({
  DHHeader: { key: sealed.ephemeralPublicKey },
  payload: sealed.payload,
});

/** `{DR_header{key, n, pn, id = bundleId}, X3DH_header?, payload}` for one peer installation. */
export const ratchetEntry = (
  encrypted: Pick<RatchetEncrypted, 'header' | 'ciphertext'>,
  bundleId: Uint8Array,
  x3dh?: X3dhHeaderFields,
): status.encryption.EncryptedMessageProtocol.$Properties => ({
  DRHeader: { key: encrypted.header.dh, n: encrypted.header.n, pn: encrypted.header.pn, id: bundleId },
  ...(x3dh ? { X3DHHeader: { key: x3dh.ephemeralKey, id: x3dh.bundleId } } : {}),
  payload: encrypted.ciphertext,
});

export interface DirectProtocolMessageInput {
  /** Our installation ID (UUID). */
  readonly installationId: string;
  /** Keyed by the peer's installation IDs, or NO_INSTALLATION_ID. */
  readonly entries: Readonly<Record<string, status.encryption.EncryptedMessageProtocol.$Properties>>;
  /** Our signed bundle; leave out to stay a DH-only peer (the app then never leaves the "none" path). */
  readonly bundle?: status.encryption.Bundle.$Properties;
}

/** The ProtocolMessage bytes that go into the Waku payload. */
export const encodeDirectProtocolMessage = ({
  installationId,
  entries,
  bundle,
}: DirectProtocolMessageInput): Uint8Array =>
  encodeProto(
    status.encryption.ProtocolMessage,
    status.encryption.ProtocolMessage.create({
      installationId,
      bundles: bundle ? [bundle] : [],
      encryptedMessage: { ...entries },
    }),
  );
