// The Status app of the tests in a 1:1 chat (issue #15), built only from libs/protocol and libs/crypto: one
// installation of an identity with a signed bundle, sessions kept in memory, messages sealed and opened
// layer by layer as the app does (MVDS → ProtocolMessage with our bundle → Waku payload v1 signed by us). It
// sends on the other side's partitioned topic until the secret is agreed, then on the negotiated topic
// (one-to-one.md §1.4), and sends again what the other side has not acknowledged on the MVDS schedule.
// Messages are read in the order the caller hands them over, so a test drops or re-orders deliveries by what
// it passes to read() (and loses a send of ours by not publishing it). newInstallation() is a second device
// of the same identity.
import { randomUUID } from 'node:crypto';
import {
  bytesToPrefixedHex,
  decodeSymmetric,
  decompressPublicKey,
  encodeSymmetric,
  equalBytes,
  generatePrivateKey,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import type { ErrorCode, Result } from '@status-communities/errors';
import { ok, unwrap } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type {
  BundleInstallation,
  DirectApplicationMessage,
  DirectSession,
  DirectTopic,
  PeerContactView,
  VerifiedBundle,
} from '@status-communities/protocol';
import {
  ContactRequestState,
  DIRECT_MESSAGE_PUBSUB_TOPIC,
  INITIAL_PEER_CONTACT_VIEW,
  applyContactAnswer,
  applyPropagatedState,
  buildAcceptContactRequest,
  buildContactRequest,
  buildOneToOneChatMessage,
  contactCodeTopic,
  decryptFromPeer,
  encodeMvdsPayload,
  isSecretAgreed,
  messageIdOf,
  mutualContactState,
  mvdsMessageId,
  mvdsResendDelayMs,
  negotiatedSecret,
  negotiatedTopic,
  negotiatesSharedSecret,
  nextMessageClock,
  oneToOneGroupId,
  openDirectTransport,
  partitionedTopic,
  sealDirectMessage,
  signBundle,
  unwrapDirectPlaintext,
  verifyBundle,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import type { SentMessage, WireMessage } from './status-member.js';

const AppType = status.ApplicationMetadataMessage.Type;

const base64ToBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const keyOf = (publicKey: Uint8Array): string => bytesToPrefixedHex(publicKey);

/** A message the peer sent, ready for a Waku node to publish. */
export interface DirectSent {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array;
  /** "0x…" id of the AMM it carries; undefined for an ack. */
  readonly messageId?: string;
  /** "0x…" of the MVDS message the other side acknowledges it by; undefined for a bare AMM or an ack. */
  readonly mvdsId?: string;
}

/** One 1:1 message the peer opened. */
export interface DirectReceived {
  /** "0x04…" of the sender (the envelope signer). */
  readonly from: string;
  readonly contentTopic: string;
  /** The AMMs it carried, ids and signers checked; copies of messages read before are left out. */
  readonly messages: readonly DirectApplicationMessage[];
  /** The chat messages among them, decoded. */
  readonly chats: readonly status.ChatMessage[];
  /** MVDS ids ("0x…") the sender acknowledged. */
  readonly acks: readonly string[];
  /** MVDS ids of the messages it carried (copies too), to acknowledge. */
  readonly toAck: readonly Uint8Array[];
}

/** What read() made of the messages it was handed. */
export interface DirectReadResult {
  readonly received: readonly DirectReceived[];
  /** Messages on our topics that did not open, by error code (nothing changed for them). */
  readonly refused: readonly ErrorCode[];
}

export interface DirectSendOptions {
  readonly nowMs?: number;
  /** `0x…` of the message answered. */
  readonly responseTo?: string;
  /** Send the AMM bare instead of in MVDS (the app accepts both; bare ones are not acknowledged). */
  readonly bare?: boolean;
}

/** One of our MVDS messages the other side has not acknowledged yet. */
interface Unacknowledged {
  readonly to: Uint8Array;
  readonly messageId: string;
  /** The MVDS payload carrying it: a re-send seals the same bytes again, so its MVDS id stays. */
  readonly plaintext: Uint8Array;
  sendCount: number;
  nextSendAtMs: number;
}

export class DirectPeer {
  readonly publicKey: Uint8Array;
  /** `0x04…`. */
  readonly peerKey: string;
  readonly installationId = randomUUID();
  private readonly signedPreKeyPrivate = generatePrivateKey();
  readonly installation: BundleInstallation;
  /** Double-ratchet sessions by the other side's key. */
  private readonly sessions = new Map<string, DirectSession[]>();
  /** The newest verified bundle of each identity we talk to. */
  private readonly bundles = new Map<string, VerifiedBundle>();
  /** Their installations that wrote to us under a bundle negotiating the shared secret. */
  private readonly agreed = new Map<string, Set<string>>();
  /** Negotiated topics we listen on, by content topic: whose, and the key. */
  private readonly negotiated = new Map<string, { readonly key: string; readonly topic: DirectTopic }>();
  private readonly seenIds = new Set<string>();
  /** Per identity: the clock we added them at, and their side as their messages propagate it. */
  private readonly contacts = new Map<string, { ourClock?: number; theirs: PeerContactView }>();
  /** Our own messages (base64 payloads): a negotiated topic carries both directions, and relays echo ours. */
  private readonly ownPayloads = new Set<string>();
  /** Our MVDS messages waiting for an ack, by MVDS id (`0x…`). */
  private readonly unacknowledged = new Map<string, Unacknowledged>();
  private lastClock = 0;

  /**
   * `protocolVersion` (of our bundle) 1, the app's: the other side moves to the negotiated topic; 0: never.
   * `privateKey`: the identity's key, shared by its installations (a new identity when left out).
   */
  constructor(
    readonly displayName: string,
    protocolVersion = 1,
    readonly privateKey = generatePrivateKey(),
  ) {
    this.publicKey = publicKeyFromPrivateKey(privateKey);
    this.peerKey = keyOf(this.publicKey);
    this.installation = {
      installationId: this.installationId,
      signedPreKey: publicKeyFromPrivateKey(this.signedPreKeyPrivate, { compressed: true }),
      version: 1,
      protocolVersion,
    };
  }

  /**
   * Another device of this identity: its own installation id, signed pre-key, sessions and bundle, which
   * lists only itself (devices not paired; the other side learns both installations from their messages).
   */
  newInstallation(displayName = this.displayName): DirectPeer {
    return new DirectPeer(displayName, this.installation.protocolVersion, this.privateKey);
  }

  /** Our bundle, signed now (the app signs it again for every message). */
  bundle(nowMs = Date.now()): status.encryption.Bundle.$Properties {
    return signBundle({
      identityPrivateKey: this.privateKey,
      installations: [this.installation],
      timestampNs: BigInt(nowMs) * 1_000_000n,
    });
  }

  /** CONTACT_CODE_ADVERTISEMENT with our bundle on our contact-code topic (SG publishContactCode). */
  advertiseBundle(nowMs = Date.now()): SentMessage {
    const topic = unwrap(contactCodeTopic(this.publicKey));
    // An empty ContactCodeAdvertisement (no push notification info, no chat identity) encodes to no bytes.
    const amm = wrapApplicationMessage(
      AppType.CONTACT_CODE_ADVERTISEMENT,
      new Uint8Array(0),
      this.privateKey,
    );
    const protocolMessage = encodeProto(
      status.encryption.ProtocolMessage,
      status.encryption.ProtocolMessage.create({
        installationId: this.installationId,
        bundles: [this.bundle(nowMs)],
        publicMessage: amm,
      }),
    );
    return {
      pubsubTopic: DIRECT_MESSAGE_PUBSUB_TOPIC,
      contentTopic: topic.contentTopic,
      payload: encodeSymmetric(protocolMessage, topic.symKey!, this.privateKey),
      messageId: messageIdOf(this.publicKey, amm),
    };
  }

  /** Takes a bundle (a contact-code advertisement read elsewhere); false when it does not verify. */
  learnBundle(bundle: status.encryption.Bundle.$Properties): boolean {
    const verified = verifyBundle(bundle);
    if (!verified.ok) return false;
    const key = keyOf(uncompressedOf(verified.value.identity));
    const known = this.bundles.get(key);
    if (!known || known.timestampNs <= verified.value.timestampNs) this.bundles.set(key, verified.value);
    return true;
  }

  /**
   * Takes `identity`'s bundle from its advertisements on its contact-code topic among the messages (the app
   * fetches that topic from Store when it looks a contact up); true when one was taken.
   */
  readContactCode(identity: Uint8Array, messages: readonly WireMessage[]): boolean {
    const topic = unwrap(contactCodeTopic(identity));
    const signer = unwrap(decompressPublicKey(identity));
    let taken = false;
    for (const message of messages) {
      if (message.contentTopic !== topic.contentTopic) continue;
      const decoded = decodeSymmetric(base64ToBytes(message.payload), topic.symKey!);
      if (!decoded.ok || !equalBytes(decoded.value.signer, signer)) continue;
      const protocolMessage = decodeProto<status.encryption.ProtocolMessage>(
        status.encryption.ProtocolMessage,
        decoded.value.data,
      );
      if (!protocolMessage.ok) continue;
      for (const bundle of protocolMessage.value.bundles) taken = this.learnBundle(bundle) || taken;
    }
    return taken;
  }

  /** A contact request (ChatMessage CONTACT_REQUEST) as the app's "Send contact request". */
  contactRequest(to: Uint8Array, text: string, options: DirectSendOptions = {}): DirectSent {
    const nowMs = options.nowMs ?? Date.now();
    const clock = this.nextClock(nowMs);
    const { theirs } = this.contactOf(to);
    const chat = unwrap(
      buildContactRequest({
        recipientKey: to,
        text,
        clock,
        timestampMs: nowMs,
        displayName: this.displayName,
        ...(theirs.theyAddedUs ? { theirLastClock: theirs.clock } : {}),
      }),
    );
    this.contactOf(to).ourClock = clock;
    return this.sendAmm(to, AppType.CHAT_MESSAGE, encodeProto(status.ChatMessage, chat), options);
  }

  /** A TEXT_PLAIN 1:1 message, with our contact state once we added them (SG addContactRequestPropagatedState). */
  send(to: Uint8Array, text: string, options: DirectSendOptions = {}): DirectSent {
    const nowMs = options.nowMs ?? Date.now();
    const { ourClock, theirs } = this.contactOf(to);
    const chat = unwrap(
      buildOneToOneChatMessage({
        recipientKey: to,
        text,
        clock: this.nextClock(nowMs),
        timestampMs: nowMs,
        displayName: this.displayName,
        ...(options.responseTo ? { responseTo: options.responseTo } : {}),
        ...(ourClock === undefined
          ? {}
          : {
              propagatedState: theirs.theyAddedUs
                ? mutualContactState(ourClock, theirs.clock)
                : {
                    localClock: ourClock,
                    localState: ContactRequestState.SENT,
                    remoteClock: 0,
                    remoteState: ContactRequestState.NONE,
                  },
            }),
      }),
    );
    return this.sendAmm(to, AppType.CHAT_MESSAGE, encodeProto(status.ChatMessage, chat), options);
  }

  /** AcceptContactRequest (46) for the other side's request `requestId`. */
  acceptContactRequest(to: Uint8Array, requestId: string, options: DirectSendOptions = {}): DirectSent {
    const clock = this.nextClock(options.nowMs ?? Date.now());
    const accept = unwrap(buildAcceptContactRequest(requestId, clock));
    this.contactOf(to).ourClock = clock;
    return this.sendAmm(
      to,
      AppType.ACCEPT_CONTACT_REQUEST,
      encodeProto(status.AcceptContactRequest, status.AcceptContactRequest.create(accept)),
      options,
    );
  }

  /** An MVDS payload of acks only, as the app acknowledges what it received. */
  ack(to: Uint8Array, mvdsIds: readonly Uint8Array[]): DirectSent {
    return this.seal(to, encodeMvdsPayload({ acks: mvdsIds }));
  }

  /** The topic our next message to `to` goes on: theirs partitioned, or the negotiated one once agreed. */
  topicFor(to: Uint8Array): DirectTopic {
    const installations = this.bundles.get(keyOf(to))?.installations ?? [];
    const agreed = this.agreed.get(keyOf(to)) ?? new Set<string>();
    return isSecretAgreed(
      installations.map((installation) => installation.installationId),
      agreed,
    )
      ? this.negotiatedTopicWith(to)
      : unwrap(partitionedTopic(to));
  }

  /** Our partitioned topic: where messages to us come until the secret is agreed. */
  get partitionedContentTopic(): string {
    return unwrap(partitionedTopic(this.publicKey)).contentTopic;
  }

  /** Every content topic we read: our partitioned one and the negotiated ones we listen on. */
  get contentTopics(): string[] {
    return [this.partitionedContentTopic, ...this.negotiated.keys()];
  }

  /** True for a message we sent (relays may hand it back; a negotiated topic carries both directions). */
  sentByUs(message: WireMessage): boolean {
    return this.ownPayloads.has(message.payload);
  }

  /** Opens, in the order given, the messages on our topics; sessions, bundles and agreement move with them. */
  read(messages: readonly WireMessage[]): DirectReadResult {
    const received: DirectReceived[] = [];
    const refused: ErrorCode[] = [];
    for (const message of messages) {
      const negotiated = this.negotiated.get(message.contentTopic);
      if (!negotiated && message.contentTopic !== this.partitionedContentTopic) continue;
      if (this.sentByUs(message)) continue;
      const opened = this.open(message, negotiated?.topic.symKey);
      if (opened.ok) received.push(opened.value);
      else refused.push(opened.error.code);
    }
    return { received, refused };
  }

  private open(message: WireMessage, symKey: Uint8Array | undefined): Result<DirectReceived> {
    const transport = openDirectTransport({
      payload: base64ToBytes(message.payload),
      ourIdentityPrivateKey: this.privateKey,
      ourInstallationId: this.installationId,
      ...(symKey ? { symKey } : {}),
    });
    if (!transport.ok) return transport;
    const { sender, senderInstallationId, bundles, selected } = transport.value;
    const from = keyOf(sender);
    const decrypted = decryptFromPeer({
      ourIdentityPrivateKey: this.privateKey,
      ourSignedPreKeys: [{ publicKey: this.installation.signedPreKey, privateKey: this.signedPreKeyPrivate }],
      theirIdentityKey: sender,
      theirInstallationId: senderInstallationId,
      entry: selected.entry,
      sessions: this.sessions.get(from) ?? [],
    });
    if (!decrypted.ok) return decrypted;
    const plaintext = unwrapDirectPlaintext(decrypted.value.plaintext, sender);
    if (!plaintext.ok) return plaintext;
    const fresh = plaintext.value.messages.filter((amm) => !this.seenIds.has(amm.messageId));
    const chats: status.ChatMessage[] = [];
    let theirs = this.contactOf(sender).theirs;
    for (const amm of fresh) {
      if (amm.type === AppType.CHAT_MESSAGE) {
        const chat = decodeProto<status.ChatMessage>(status.ChatMessage, amm.payload);
        if (!chat.ok) return chat;
        chats.push(chat.value);
        const update = applyPropagatedState(theirs, chat.value.contactRequestPropagatedState);
        if (!update.ok) return update;
        theirs = update.value.view;
      } else if (amm.type === AppType.ACCEPT_CONTACT_REQUEST) {
        const accept = decodeProto<status.AcceptContactRequest>(status.AcceptContactRequest, amm.payload);
        if (!accept.ok) return accept;
        const update = applyContactAnswer(theirs, { accepted: true, clock: accept.value.clock });
        if (!update.ok) return update;
        theirs = update.value.view;
      }
    }
    // Only a message that opened and parsed moves our state, as status-go handles what it could read.
    if (decrypted.value.session) this.keepSession(from, decrypted.value.session);
    for (const bundle of bundles) this.keepBundle(from, bundle, senderInstallationId, sender);
    for (const amm of fresh) this.seenIds.add(amm.messageId);
    this.contactOf(sender).theirs = theirs;
    const { datasync } = plaintext.value;
    if (datasync.kind === 'mvds')
      for (const id of datasync.acks) this.unacknowledged.delete(bytesToPrefixedHex(id));
    return ok({
      from,
      contentTopic: message.contentTopic,
      messages: fresh,
      chats,
      acks: datasync.kind === 'mvds' ? datasync.acks.map((id) => bytesToPrefixedHex(id)) : [],
      toAck: datasync.kind === 'mvds' ? datasync.messages.map((m) => m.id) : [],
    });
  }

  /** `0x…` ids (AMM) of our MVDS messages not acknowledged yet, oldest first. */
  get unacknowledgedIds(): string[] {
    return [...this.unacknowledged.values()].map((message) => message.messageId);
  }

  /**
   * Our unacknowledged messages whose re-send is due at `nowMs`, sealed again on the next ratchet step with
   * the same MVDS id, as the app's MVDS node re-sends (backoff from the first send, no jitter); one whose
   * sends are used up is left unacknowledged.
   */
  resendDue(nowMs = Date.now()): DirectSent[] {
    const due = [...this.unacknowledged.entries()].filter(([, message]) => message.nextSendAtMs <= nowMs);
    return due.map(([mvdsId, message]) => {
      message.sendCount += 1;
      const delay = mvdsResendDelayMs(message.sendCount, 0);
      message.nextSendAtMs = delay === null ? Number.POSITIVE_INFINITY : nowMs + delay;
      return { ...this.seal(message.to, message.plaintext, nowMs), messageId: message.messageId, mvdsId };
    });
  }

  /** Whether `identity` added us, as their messages told (contact request, acceptance, propagated state). */
  theyAddedUs(identity: Uint8Array): boolean {
    return this.contactOf(identity).theirs.theyAddedUs;
  }

  private contactOf(identity: Uint8Array): { ourClock?: number; theirs: PeerContactView } {
    const key = keyOf(identity);
    const known = this.contacts.get(key);
    if (known) return known;
    const fresh = { theirs: INITIAL_PEER_CONTACT_VIEW };
    this.contacts.set(key, fresh);
    return fresh;
  }

  private keepSession(from: string, session: DirectSession): void {
    const others = (this.sessions.get(from) ?? []).filter(
      (s) =>
        !(s.theirInstallationId === session.theirInstallationId && equalBytes(s.bundleId, session.bundleId)),
    );
    this.sessions.set(from, [...others, session]);
  }

  /** The sender's bundle, and whether its installation moves us to the negotiated topic (SG HandleMessage). */
  private keepBundle(
    from: string,
    bundle: VerifiedBundle,
    senderInstallationId: string,
    sender: Uint8Array,
  ): void {
    if (keyOf(uncompressedOf(bundle.identity)) !== from) return;
    const known = this.bundles.get(from);
    if (!known || known.timestampNs <= bundle.timestampNs) this.bundles.set(from, bundle);
    const installation = bundle.installations.find((i) => i.installationId === senderInstallationId);
    if (!installation || !negotiatesSharedSecret(installation)) return;
    this.agreed.set(from, (this.agreed.get(from) ?? new Set()).add(senderInstallationId));
    this.negotiatedTopicWith(sender);
  }

  /** The negotiated topic with `peer`, listened on from the first time it is computed (SG LoadNegotiated). */
  private negotiatedTopicWith(peer: Uint8Array): DirectTopic {
    const topic = unwrap(negotiatedTopic(unwrap(negotiatedSecret(this.privateKey, peer))));
    this.negotiated.set(topic.contentTopic, { key: keyOf(peer), topic });
    return topic;
  }

  private nextClock(nowMs: number): number {
    this.lastClock = nextMessageClock(this.lastClock, nowMs);
    return this.lastClock;
  }

  /** An AMM signed by us, in MVDS unless `bare`, sealed for `to`. */
  private sendAmm(
    to: Uint8Array,
    type: status.ApplicationMetadataMessage.Type,
    payload: Uint8Array,
    options: DirectSendOptions,
  ): DirectSent {
    const amm = wrapApplicationMessage(type, payload, this.privateKey);
    const messageId = messageIdOf(this.publicKey, amm);
    if (options.bare) return { ...this.seal(to, amm, options.nowMs), messageId };
    const nowMs = options.nowMs ?? Date.now();
    const mvds = {
      groupId: unwrap(oneToOneGroupId(this.publicKey, to)),
      timestamp: BigInt(Math.floor(nowMs / 1000)),
      body: amm,
    };
    const mvdsId = bytesToPrefixedHex(mvdsMessageId(mvds));
    const plaintext = encodeMvdsPayload({ messages: [mvds] });
    const delay = mvdsResendDelayMs(1, 0);
    this.unacknowledged.set(mvdsId, {
      to,
      messageId,
      plaintext,
      sendCount: 1,
      nextSendAtMs: delay === null ? Number.POSITIVE_INFINITY : nowMs + delay,
    });
    return { ...this.seal(to, plaintext, nowMs), messageId, mvdsId };
  }

  /** Encrypts for every installation of `to` we know (X3DH + ratchet), else DH "none", with our bundle. */
  private seal(to: Uint8Array, plaintext: Uint8Array, nowMs = Date.now()): DirectSent {
    const key = keyOf(to);
    const topic = this.topicFor(to);
    // Encrypting to installations of theirs computes the shared secret, and the app then listens on its topic
    // (SG BuildEncryptedMessage → Agreed, handleSharedSecrets → LoadNegotiated).
    if (this.bundles.has(key)) this.negotiatedTopicWith(to);
    const sealed = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: this.privateKey,
        ourInstallationId: this.installationId,
        theirIdentityKey: to,
        theirInstallations: this.bundles.get(key)?.installations ?? [],
        ourCurrentSignedPreKeys: [this.installation.signedPreKey],
        sessions: this.sessions.get(key) ?? [],
        plaintext,
        topic,
        bundle: this.bundle(nowMs),
      }),
    );
    for (const session of sealed.changedSessions) this.keepSession(key, session);
    this.ownPayloads.add(Buffer.from(sealed.payload).toString('base64'));
    return {
      pubsubTopic: DIRECT_MESSAGE_PUBSUB_TOPIC,
      contentTopic: sealed.contentTopic,
      payload: sealed.payload,
    };
  }
}

/** 65-byte uncompressed key of a bundle's compressed identity (verified bundles hold curve points). */
const uncompressedOf = (compressed: Uint8Array): Uint8Array => unwrap(decompressPublicKey(compressed));
