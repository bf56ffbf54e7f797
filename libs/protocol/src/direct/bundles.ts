import {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  compressPublicKey,
  concatBytes,
  equalBytes,
  isValidPublicKey,
  keccak256,
  publicKeyFromPrivateKey,
  recoverPublicKey,
  sign,
  utf8ToBytes,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToInt64, uint64ToBigInt } from '@status-communities/proto';
import type { status } from '@status-communities/proto';

// X3DH bundles: build, sign, verify, rotate. SG protocol/encryption/x3dh.go (NewBundleContainer,
// buildSignatureMaterial, SignBundle, ExtractIdentity), protocol.go ProcessPublicBundle, encryptor.go
// (BundleRefreshInterval, MaxInstallations). one-to-one.md §2.2.

/** A bundle older than this gets a new signed pre-key (status-go BundleRefreshInterval, 24 h). */
export const BUNDLE_REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** A bundle lists at most this many installations of one identity (status-go MaxInstallations). */
export const MAX_BUNDLE_INSTALLATIONS = 3;
/** SignedPreKey.protocol_version from which the peer negotiates a shared-secret topic. */
export const SHARED_SECRET_NEGOTIATION_VERSION = 1;

export interface BundleInstallation {
  /** UUIDv4 string of the device. */
  readonly installationId: string;
  /** 33-byte compressed signed pre-key. */
  readonly signedPreKey: Uint8Array;
  /** Starts at 1 and grows by one on each rotation. */
  readonly version: number;
  readonly protocolVersion: number;
}

export interface VerifiedBundle {
  /** 33-byte compressed identity key, checked to be the signer. */
  readonly identity: Uint8Array;
  /** Sorted by installation ID (the signing order). */
  readonly installations: readonly BundleInstallation[];
  /** Signing time, ns since the epoch. */
  readonly timestampNs: bigint;
}

// Go's sort.Strings compares bytes; JS string comparison compares UTF-16 units, which differs past U+FFFF.
const byInstallationId = (a: BundleInstallation, b: BundleInstallation): number =>
  Buffer.compare(utf8ToBytes(a.installationId), utf8ToBytes(b.installationId));

/**
 * `installationId ‖ signedPreKey ‖ decimal(version)` for each installation in byte order of the ID, then
 * `decimal(timestamp)` unless it is 0. protocol_version is not signed.
 */
export const bundleSignatureMaterial = (
  installations: readonly BundleInstallation[],
  timestampNs: bigint,
): Uint8Array => {
  const parts: Uint8Array[] = [];
  for (const installation of [...installations].sort(byInstallationId))
    parts.push(
      utf8ToBytes(installation.installationId),
      installation.signedPreKey,
      utf8ToBytes(installation.version.toString(10)),
    );
  if (timestampNs !== 0n) parts.push(utf8ToBytes(timestampNs.toString(10)));
  return concatBytes(...parts);
};

export interface SignBundleInput {
  readonly identityPrivateKey: Uint8Array;
  /** Our own installations, this one included; at most MAX_BUNDLE_INSTALLATIONS. */
  readonly installations: readonly BundleInstallation[];
  /** Signing time in ns; status-go re-signs with the current time on every message. */
  readonly timestampNs: bigint;
}

/** A signed `Bundle` ready to attach to a ProtocolMessage. Wrong input from our own code throws. */
export const signBundle = ({
  identityPrivateKey,
  installations,
  timestampNs,
}: SignBundleInput): status.encryption.Bundle.$Properties => {
  if (installations.length === 0 || installations.length > MAX_BUNDLE_INSTALLATIONS)
    throw new RangeError(`a bundle lists 1..${MAX_BUNDLE_INSTALLATIONS} installations`);
  const signedPreKeys: Record<string, status.encryption.SignedPreKey.$Properties> = {};
  for (const installation of installations) {
    if (installation.signedPreKey.length !== COMPRESSED_PUBLIC_KEY_LENGTH)
      throw new RangeError('signed pre-keys are 33-byte compressed keys');
    signedPreKeys[installation.installationId] = {
      signedPreKey: installation.signedPreKey,
      version: installation.version,
      protocolVersion: installation.protocolVersion,
    };
  }
  return {
    identity: publicKeyFromPrivateKey(identityPrivateKey, { compressed: true }),
    signedPreKeys,
    signature: sign(keccak256(bundleSignatureMaterial(installations, timestampNs)), identityPrivateKey),
    timestamp: bigIntToInt64(timestampNs),
  };
};

/**
 * Checks a bundle from the network: identity and every signed pre-key must be curve points, and the
 * signature must recover to the identity (SG ExtractIdentity + ProcessPublicBundle). A bad key is
 * INVALID_KEY, an unusable signature INVALID_SIGNATURE, a signature by someone else WRONG_SIGNER.
 */
export const verifyBundle = (bundle: status.encryption.Bundle.$Properties): Result<VerifiedBundle> => {
  const identity = compressPublicKey(bundle.identity ?? new Uint8Array(0));
  if (!identity.ok) return fail(ErrorCode.INVALID_KEY, 'bundle identity is not a secp256k1 public key');
  const installations: BundleInstallation[] = [];
  for (const [installationId, preKey] of Object.entries(bundle.signedPreKeys ?? {})) {
    const signedPreKey = preKey.signedPreKey ?? new Uint8Array(0);
    if (signedPreKey.length !== COMPRESSED_PUBLIC_KEY_LENGTH || !isValidPublicKey(signedPreKey))
      return fail(ErrorCode.INVALID_KEY, 'signed pre-key is not a 33-byte compressed secp256k1 key', {
        installationId,
      });
    installations.push({
      installationId,
      signedPreKey,
      version: preKey.version ?? 0,
      protocolVersion: preKey.protocolVersion ?? 0,
    });
  }
  installations.sort(byInstallationId);
  const timestampNs = uint64ToBigInt(bundle.timestamp);
  const signer = recoverPublicKey(
    keccak256(bundleSignatureMaterial(installations, timestampNs)),
    bundle.signature ?? new Uint8Array(0),
  );
  if (!signer.ok) return signer;
  const signerCompressed = compressPublicKey(signer.value);
  if (!signerCompressed.ok || !equalBytes(signerCompressed.value, identity.value))
    return fail(ErrorCode.WRONG_SIGNER, 'bundle is not signed by its identity key');
  return ok({ identity: identity.value, installations, timestampNs });
};

/**
 * True when our signed pre-key, created at `createdAtMs`, is older than 24 h and a new one (version + 1)
 * must replace it. The old private key must be kept: late X3DH messages still name it.
 */
export const bundleNeedsRotation = (createdAtMs: number, nowMs: number): boolean =>
  createdAtMs < nowMs - BUNDLE_REFRESH_INTERVAL_MS;

/** A bundle is re-published on the contact-code topic this often (status-go publisher publishInterval, 6 h). */
export const CONTACT_CODE_PUBLISH_INTERVAL_MS = 6 * 60 * 60 * 1000;
/**
 * To a peer that encrypted for installations we do not have (device not found), a bundle-only DH message
 * goes at most this often (status-go publisher deviceNotFoundAckInterval, 2 h).
 */
export const DEVICE_NOT_FOUND_ANSWER_INTERVAL_MS = 2 * 60 * 60 * 1000;

/** True when `interval` has passed since `lastSentMs` (null: never sent). */
export const advertisementDue = (lastSentMs: number | null, nowMs: number, intervalMs: number): boolean =>
  lastSentMs === null || nowMs - lastSentMs >= intervalMs;

/** True when the peer's installation negotiates a shared-secret topic (protocol_version ≥ 1). */
export const negotiatesSharedSecret = (installation: BundleInstallation): boolean =>
  installation.protocolVersion >= SHARED_SECRET_NEGOTIATION_VERSION;
