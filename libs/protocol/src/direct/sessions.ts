import {
  equalBytes,
  generatePrivateKey,
  initiatorRatchetState,
  openWithDh,
  performActiveX3dh,
  performPassiveX3dh,
  publicKeyFromPrivateKey,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchetState,
  sealWithDh,
} from '@status-communities/crypto';
import type { RatchetLimits, RatchetState } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import { NO_INSTALLATION_ID } from '../messages/layers.js';
import type { BundleInstallation } from './bundles.js';
import { dhEntry, ratchetEntry } from './encryption-layer.js';
import type { DirectEntry, X3dhHeaderFields } from './encryption-layer.js';

// Which session encrypts to a peer installation and which decrypts a message, as pure functions over the
// sessions the caller loaded: the caller persists what comes back. SG protocol/encryption/encryptor.go
// (EncryptPayload, createNewSession, DecryptPayload), persistence.go (GetAnyRatchetInfo, GetRatchetInfo,
// RatchetInfoConfirmed). one-to-one.md §2.5.

/** One double-ratchet session with one installation of a peer. */
export interface DirectSession {
  readonly theirInstallationId: string;
  /**
   * The signed pre-key the session was agreed on, the DRHeader.id both sides send: theirs when we
   * initiated, ours when they did. (installation, bundleId) names the session.
   */
  readonly bundleId: Uint8Array;
  readonly ratchet: RatchetState;
  /** We initiated and the peer has not answered yet: every message repeats our X3DH header. */
  readonly pendingX3dh?: X3dhHeaderFields;
  /** They initiated: their X3DH ephemeral key, so a replayed first message cannot reset the session. */
  readonly theirEphemeralKey?: Uint8Array;
}

export interface OurSignedPreKey {
  /** 33-byte compressed. */
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export interface EncryptForPeerInput {
  readonly ourIdentityPrivateKey: Uint8Array;
  /** The peer's identity key (33/65 bytes). */
  readonly theirIdentityKey: Uint8Array;
  /** From the peer's verified bundles, the 3 installations listed most recently; empty for a peer without a bundle. */
  readonly theirInstallations: readonly BundleInstallation[];
  /** Our signed pre-keys that are not expired: sessions the peer started on them are still usable. */
  readonly ourCurrentSignedPreKeys: readonly Uint8Array[];
  /** Our sessions with this peer, oldest first. */
  readonly sessions: readonly DirectSession[];
  readonly plaintext: Uint8Array;
}

export interface EncryptedForPeer {
  /** ProtocolMessage.encrypted_message. */
  readonly entries: Record<string, status.encryption.EncryptedMessageProtocol.$Properties>;
  /** Sessions created or advanced by this message: persist them with the send. */
  readonly changedSessions: readonly DirectSession[];
}

const sameSession = (a: DirectSession, installationId: string, bundleId: Uint8Array): boolean =>
  a.theirInstallationId === installationId && equalBytes(a.bundleId, bundleId);

/**
 * The session to send on (status-go GetAnyRatchetInfo: a session on a bundle that is not expired): one on
 * the installation's current pre-key or on one of ours; an answered one first, then the newest.
 */
const sendingSession = (
  input: EncryptForPeerInput,
  installation: BundleInstallation,
): DirectSession | undefined => {
  const usable = input.sessions.filter(
    (s) =>
      s.theirInstallationId === installation.installationId &&
      (equalBytes(s.bundleId, installation.signedPreKey) ||
        input.ourCurrentSignedPreKeys.some((key) => equalBytes(key, s.bundleId))),
  );
  return usable.filter((s) => !s.pendingX3dh).at(-1) ?? usable.at(-1);
};

/** A new session by active X3DH on the installation's signed pre-key (status-go createNewSession). */
const startSession = (
  input: EncryptForPeerInput,
  installation: BundleInstallation,
): Result<DirectSession> => {
  const ephemeral = generatePrivateKey();
  const sk = performActiveX3dh({
    ourIdentityPrivateKey: input.ourIdentityPrivateKey,
    ourEphemeralPrivateKey: ephemeral,
    theirIdentityPublicKey: input.theirIdentityKey,
    theirSignedPreKey: installation.signedPreKey,
  });
  if (!sk.ok) return sk;
  const ratchet = initiatorRatchetState(sk.value, installation.signedPreKey);
  if (!ratchet.ok) return ratchet;
  return ok({
    theirInstallationId: installation.installationId,
    bundleId: installation.signedPreKey,
    ratchet: ratchet.value,
    pendingX3dh: {
      ephemeralKey: publicKeyFromPrivateKey(ephemeral, { compressed: true }),
      bundleId: installation.signedPreKey,
    },
  });
};

/**
 * Encrypts one payload for every installation of the peer (X3DH + double ratchet), or, for a peer whose
 * bundle we do not have, once under `"none"` by DH (status-go EncryptPayload / EncryptPayloadWithDH).
 */
export const encryptForPeer = (input: EncryptForPeerInput): Result<EncryptedForPeer> => {
  if (input.theirInstallations.length === 0) {
    const sealed = sealWithDh(input.plaintext, input.theirIdentityKey);
    if (!sealed.ok) return sealed;
    return ok({ entries: { [NO_INSTALLATION_ID]: dhEntry(sealed.value) }, changedSessions: [] });
  }
  const entries: Record<string, status.encryption.EncryptedMessageProtocol.$Properties> = {};
  const changedSessions: DirectSession[] = [];
  for (const installation of input.theirInstallations) {
    const existing = sendingSession(input, installation);
    const session = existing ? ok(existing) : startSession(input, installation);
    if (!session.ok) return session;
    const sent = ratchetEncrypt(session.value.ratchet, input.plaintext);
    entries[installation.installationId] = ratchetEntry(
      sent,
      session.value.bundleId,
      session.value.pendingX3dh,
    );
    changedSessions.push({ ...session.value, ratchet: sent.state });
  }
  return ok({ entries, changedSessions });
};

export interface DecryptFromPeerInput {
  readonly ourIdentityPrivateKey: Uint8Array;
  /** Every signed pre-key we ever published, expired ones too: late X3DH messages still name them. */
  readonly ourSignedPreKeys: readonly OurSignedPreKey[];
  /** The envelope's signer. */
  readonly theirIdentityKey: Uint8Array;
  /** ProtocolMessage.installation_id. */
  readonly theirInstallationId: string;
  /** Our entry, from selectDirectEntry. */
  readonly entry: DirectEntry;
  readonly sessions: readonly DirectSession[];
  readonly limits?: RatchetLimits;
}

export interface DecryptedFromPeer {
  readonly plaintext: Uint8Array;
  /** The session created or advanced (absent for DH messages): persist it with the message. */
  readonly session?: DirectSession;
}

const noSession = (reason: string): Result<never> =>
  fail(ErrorCode.NOT_FOUND, 'no double-ratchet session for this message', { reason });

/** A responder session from the X3DH header (status-go DecryptPayload with X3DH_header). */
const acceptSession = (
  input: DecryptFromPeerInput,
  entry: Extract<DirectEntry, { kind: 'ratchet' }>,
  x3dh: X3dhHeaderFields,
): Result<DirectSession> => {
  const ourKey = input.ourSignedPreKeys.find((key) => equalBytes(key.publicKey, x3dh.bundleId));
  if (!ourKey) return noSession('unknown-signed-pre-key');
  const sk = performPassiveX3dh({
    ourIdentityPrivateKey: input.ourIdentityPrivateKey,
    ourSignedPreKeyPrivateKey: ourKey.privateKey,
    theirIdentityPublicKey: input.theirIdentityKey,
    theirEphemeralPublicKey: x3dh.ephemeralKey,
  });
  if (!sk.ok) return sk;
  const ratchet = responderRatchetState(sk.value, ourKey.privateKey);
  if (!ratchet.ok) return ratchet;
  return ok({
    theirInstallationId: input.theirInstallationId,
    bundleId: entry.bundleId,
    ratchet: ratchet.value,
    theirEphemeralKey: x3dh.ephemeralKey,
  });
};

/**
 * Decrypts our entry of a peer's message. DH entries need no session. A ratchet entry uses the session
 * named by (their installation, DRHeader.id), or one started from its X3DH header; a peer that starts
 * again with a new ephemeral key on the same pre-key replaces the old session, a replay of the first
 * message does not. Any answer on a session we started confirms it (no more X3DH headers).
 * Failures change nothing: NOT_FOUND (`no-session`, `unknown-signed-pre-key`) and the ratchet's codes.
 */
export const decryptFromPeer = (input: DecryptFromPeerInput): Result<DecryptedFromPeer> => {
  const { entry } = input;
  if (entry.kind === 'dh') {
    const plaintext = openWithDh(entry.payload, entry.ephemeralKey, input.ourIdentityPrivateKey);
    return plaintext.ok ? ok({ plaintext: plaintext.value }) : plaintext;
  }
  const open = (session: DirectSession): Result<DecryptedFromPeer> => {
    const out = ratchetDecrypt(
      session.ratchet,
      entry.header,
      entry.payload,
      input.limits ? { limits: input.limits } : {},
    );
    if (!out.ok) return out;
    const { pendingX3dh: _answered, ...rest } = session;
    return ok({ plaintext: out.value.plaintext, session: { ...rest, ratchet: out.value.state } });
  };
  const existing = input.sessions.find((s) => sameSession(s, input.theirInstallationId, entry.bundleId));
  const x3dh = entry.x3dh;
  if (existing) {
    const restarted =
      x3dh &&
      existing.theirEphemeralKey !== undefined &&
      !equalBytes(existing.theirEphemeralKey, x3dh.ephemeralKey);
    if (!restarted) return open(existing);
  }
  if (!x3dh) return noSession('no-session');
  const started = acceptSession(input, entry, x3dh);
  return started.ok ? open(started.value) : started;
};
