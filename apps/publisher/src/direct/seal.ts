// One plaintext (an MVDS payload) from a bot to a peer, sealed as the Status app seals 1:1 messages: to every
// installation of the peer it writes to by X3DH + double ratchet (DH under "none" for a peer without any),
// the bot's bundle attached, on the negotiated topic once the secret is agreed, else on the peer's
// partitioned topic. Pure over what the caller loaded; the caller saves the sessions with what it sends.
// SG protocol/common/message_sender.go sendPrivate, encryption/sharedsecret Agreed. one-to-one.md §1.4.
import { equalBytes, hexToBytesOrThrow } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { DirectSessionChange, StoredDirectSession } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import type {
  BundleInstallation,
  DirectSession,
  DirectTopic,
  OurSignedPreKey,
} from '@status-communities/protocol';
import {
  isSecretAgreed,
  negotiatedSecret,
  negotiatedTopic,
  negotiatesSharedSecret,
  partitionedTopic,
  sealDirectMessage,
} from '@status-communities/protocol';

export interface SealForPeerInput {
  readonly ourIdentityPrivateKey: Uint8Array;
  readonly ourInstallationId: string;
  readonly bundle: status.encryption.Bundle.$Properties;
  readonly peerKey: string;
  readonly theirInstallations: readonly BundleInstallation[];
  readonly ourSignedPreKeys: readonly OurSignedPreKey[];
  /** The sessions as loaded, with any the caller advanced since (decrypting) in `working`. */
  readonly stored: readonly StoredDirectSession[];
  readonly working: readonly DirectSession[];
  readonly plaintext: Uint8Array;
}

export interface SealedForPeer {
  readonly payload: Uint8Array;
  readonly contentTopic: string;
  /** Set when it went on the negotiated topic: the topic to route to the publisher (direct_topics). */
  readonly negotiated?: string;
  /** The sessions after sending, to hand to DirectSessionStore.save. */
  readonly working: readonly DirectSession[];
}

const sameSession = (a: DirectSession, b: DirectSession): boolean =>
  a.theirInstallationId === b.theirInstallationId && equalBytes(a.bundleId, b.bundleId);

/** Replaces the sessions in `list` that `changed` advanced, adds the new ones. */
export const mergeSessions = (
  list: readonly DirectSession[],
  changed: readonly DirectSession[],
): DirectSession[] => {
  const merged = list.map((session) => changed.find((c) => sameSession(c, session)) ?? session);
  return [...merged, ...changed.filter((c) => !list.some((session) => sameSession(session, c)))];
};

/** What to write: every working session that differs from what was loaded, at the version it was read. */
export const sessionChanges = (
  stored: readonly StoredDirectSession[],
  working: readonly DirectSession[],
): DirectSessionChange[] =>
  working.flatMap((session) => {
    const loaded = stored.find((s) => sameSession(s.session, session));
    if (loaded?.session === session) return [];
    return [loaded ? { stored: loaded, session } : { session }];
  });

/**
 * The installations whose secret is agreed: they list protocol_version ≥ 1 and sent us a message on a
 * session (one they started, or one of ours they answered: no X3DH header pending).
 */
const agreedInstallations = (
  installations: readonly BundleInstallation[],
  sessions: readonly DirectSession[],
): Set<string> =>
  new Set(
    installations
      .filter(negotiatesSharedSecret)
      .filter((i) => sessions.some((s) => s.theirInstallationId === i.installationId && !s.pendingX3dh))
      .map((i) => i.installationId),
  );

/** The bot's negotiated topic with a peer (for direct_topics and for opening what arrives on it). */
export const negotiatedTopicWith = (
  ourIdentityPrivateKey: Uint8Array,
  peerKey: string,
): Result<DirectTopic> => {
  const secret = negotiatedSecret(ourIdentityPrivateKey, hexToBytesOrThrow(peerKey));
  return secret.ok ? negotiatedTopic(secret.value) : secret;
};

export const sealForPeer = (input: SealForPeerInput): Result<SealedForPeer> => {
  const theirIdentityKey = hexToBytesOrThrow(input.peerKey);
  const agreed = isSecretAgreed(
    input.theirInstallations.map((i) => i.installationId),
    agreedInstallations(input.theirInstallations, input.working),
  );
  const topic = agreed
    ? negotiatedTopicWith(input.ourIdentityPrivateKey, input.peerKey)
    : partitionedTopic(theirIdentityKey);
  if (!topic.ok) return topic;
  const sealed = sealDirectMessage({
    ourIdentityPrivateKey: input.ourIdentityPrivateKey,
    ourInstallationId: input.ourInstallationId,
    theirIdentityKey,
    theirInstallations: input.theirInstallations,
    ourCurrentSignedPreKeys: input.ourSignedPreKeys.map((key) => key.publicKey),
    sessions: input.working,
    plaintext: input.plaintext,
    topic: topic.value,
    bundle: input.bundle,
  });
  if (!sealed.ok) return sealed;
  return ok({
    payload: sealed.value.payload,
    contentTopic: sealed.value.contentTopic,
    ...(agreed && { negotiated: sealed.value.contentTopic }),
    working: mergeSessions(input.working, sealed.value.changedSessions),
  });
};
