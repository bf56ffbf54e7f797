import {
  decodeAsymmetric,
  decodeSymmetric,
  encodeAsymmetric,
  encodeSymmetric,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import { unwrapApplicationMessage } from '../messages/amm.js';
import type { UnwrappedApplicationMessage } from '../messages/amm.js';
import type { VerifiedBundle } from './bundles.js';
import {
  encodeDirectProtocolMessage,
  selectDirectEntry,
  verifyProtocolMessageBundles,
} from './encryption-layer.js';
import type { SelectedDirectEntry } from './encryption-layer.js';
import { unwrapDatasync } from './mvds.js';
import type { UnwrappedDatasync } from './mvds.js';
import { encryptForPeer } from './sessions.js';
import type { DirectSession, EncryptForPeerInput } from './sessions.js';
import type { DirectTopic } from './topics.js';

// A 1:1 message from application bytes to a Waku payload and back, layer by layer as status-go does
// (one-to-one.md §0): [MVDS] → ProtocolMessage (X3DH/DR or DH) → Waku payload v1, signed with our identity
// key, ECIES on a partitioned topic or AES-GCM on a negotiated one. Receiving is split where the caller
// must load state: the transport step names the sender and its installation, the caller loads that
// peer's sessions and calls decryptFromPeer, then unwrapDirectPlaintext reads MVDS and the AMMs.

export interface SealDirectMessageInput extends EncryptForPeerInput {
  readonly ourInstallationId: string;
  /** Where it goes: the peer's partitioned topic, or the negotiated one once the secret is agreed. */
  readonly topic: DirectTopic;
  /** Our signed bundle; leave out to stay a DH-only peer. */
  readonly bundle?: status.encryption.Bundle.$Properties;
}

export interface SealedDirectMessage {
  /** WakuMessage.payload (version 1). */
  readonly payload: Uint8Array;
  readonly contentTopic: string;
  /** Persist these with the send. */
  readonly changedSessions: readonly DirectSession[];
}

/** Encrypts `plaintext` (an AMM or an MVDS payload) for the peer and wraps it for Waku. */
export const sealDirectMessage = (input: SealDirectMessageInput): Result<SealedDirectMessage> => {
  const encrypted = encryptForPeer(input);
  if (!encrypted.ok) return encrypted;
  const protocolMessage = encodeDirectProtocolMessage({
    installationId: input.ourInstallationId,
    entries: encrypted.value.entries,
    ...(input.bundle ? { bundle: input.bundle } : {}),
  });
  const payload =
    input.topic.encryption === 'symmetric'
      ? ok(encodeSymmetric(protocolMessage, input.topic.symKey!, input.ourIdentityPrivateKey))
      : encodeAsymmetric(protocolMessage, input.theirIdentityKey, input.ourIdentityPrivateKey);
  if (!payload.ok) return payload;
  return ok({
    payload: payload.value,
    contentTopic: input.topic.contentTopic,
    changedSessions: encrypted.value.changedSessions,
  });
};

export interface OpenDirectTransportInput {
  readonly payload: Uint8Array;
  readonly ourIdentityPrivateKey: Uint8Array;
  readonly ourInstallationId: string;
  /** The negotiated topic's key when the message came on one; else ECIES with our identity key. */
  readonly symKey?: Uint8Array;
}

export interface OpenedDirectTransport {
  /** 65-byte uncompressed envelope signer: the sender's identity. */
  readonly sender: Uint8Array;
  /** ProtocolMessage.installation_id. */
  readonly senderInstallationId: string;
  /** Bundles the message carried, all verified. */
  readonly bundles: readonly VerifiedBundle[];
  readonly selected: SelectedDirectEntry;
}

/**
 * Waku payload → signer → ProtocolMessage → verified bundles → our entry. Unsigned envelopes are
 * UNSIGNED_ENVELOPE; the others fail with the code of the layer at fault.
 */
export const openDirectTransport = (input: OpenDirectTransportInput): Result<OpenedDirectTransport> => {
  const decoded = input.symKey
    ? decodeSymmetric(input.payload, input.symKey)
    : decodeAsymmetric(input.payload, input.ourIdentityPrivateKey);
  if (!decoded.ok) return decoded;
  const message = decodeProto<status.encryption.ProtocolMessage>(
    status.encryption.ProtocolMessage,
    decoded.value.data,
  );
  if (!message.ok) return message;
  const bundles = verifyProtocolMessageBundles(message.value);
  if (!bundles.ok) return bundles;
  const selected = selectDirectEntry(message.value, input.ourInstallationId);
  if (!selected.ok) return selected;
  return ok({
    sender: decoded.value.signer,
    senderInstallationId: message.value.installationId,
    bundles: bundles.value,
    selected: selected.value,
  });
};

export interface DirectApplicationMessage extends UnwrappedApplicationMessage {
  /** The AMM signer, else the envelope signer (status-go StatusMessage.SigPubKey). */
  readonly author: Uint8Array;
}

export interface UnwrappedDirectPlaintext {
  readonly datasync: UnwrappedDatasync;
  /** The AMMs in order: MVDS messages' bodies, or the bare plaintext. */
  readonly messages: readonly DirectApplicationMessage[];
}

/**
 * Decrypted plaintext → MVDS (when it is MVDS) → AMMs with ids. An MVDS payload of acks only gives no
 * messages. An AMM signed by someone other than the envelope signer is WRONG_SIGNER: in a 1:1 chat the
 * chat is the sender's, so a relayed author would be a forgery.
 */
export const unwrapDirectPlaintext = (
  plaintext: Uint8Array,
  envelopeSigner: Uint8Array,
): Result<UnwrappedDirectPlaintext> => {
  const datasync = unwrapDatasync(plaintext);
  const bodies = datasync.kind === 'mvds' ? datasync.messages.map((m) => m.body) : [datasync.bytes];
  const messages: DirectApplicationMessage[] = [];
  for (const body of bodies) {
    const amm = unwrapApplicationMessage(body);
    if (!amm.ok) return amm;
    const author = amm.value.signer ?? envelopeSigner;
    if (!Buffer.from(author).equals(envelopeSigner))
      return fail(ErrorCode.WRONG_SIGNER, 'application message signed by someone other than the sender');
    messages.push({ ...amm.value, author });
  }
  return ok({ datasync, messages });
};
