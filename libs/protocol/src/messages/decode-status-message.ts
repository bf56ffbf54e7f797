// The whole receive path of one Status message, and its send-side counterpart.
// SG protocol/common/message_sender.go handleMessage / SendPublic / SendCommunityMessage;
// status-wire.md §0 "Layering" and §1.
import {
  decodeAsymmetric,
  decodeSymmetric,
  encryptSignedAsymmetric,
  encryptSignedSymmetric,
  publicKeyFromPrivateKey,
  signWakuPayload,
} from '@status-communities/crypto';
import type { DecodedWakuPayload } from '@status-communities/crypto';
import { ErrorCode, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { messageIdOf, unwrapApplicationMessage, wrapApplicationMessage } from './amm.js';
import type { ApplicationMessageType } from './amm.js';
import { decodeInnerMessage } from './inner-messages.js';
import type { DecodedInnerMessage } from './inner-messages.js';
import { unwrapLayers } from './layers.js';
import type { EncryptedLayer, HashRatchetKeyExchange, MessageLayer, SdsEnvelope } from './layers.js';
import { DEFAULT_SEGMENT_SIZE, parseSegmentMessage, splitIntoSegments } from './segments.js';
import type { MessageSegment, SegmentAssembler, SegmentProgress } from './segments.js';

/** Keys to open a Waku payload with: the chat's symmetric key, or our private key for ECIES. */
export interface StatusMessageKeys {
  readonly symKey?: Uint8Array;
  readonly privateKey?: Uint8Array;
}

export interface DecodeStatusMessageOptions {
  /** Reassembles segmented payloads. Without it a segment is reported as such and not assembled. */
  readonly segments?: { readonly assembler: SegmentAssembler; readonly nowMs: number };
}

type OpenedFields<Signer> = {
  readonly kind: 'message';
  /** Layers seen around the AMM, outermost first (empty for a bare AMM). */
  readonly layers: readonly MessageLayer[];
  readonly type: number;
  /** Who signed the AMM; undefined when it is unsigned. */
  readonly ammSigner: Uint8Array | undefined;
  /** The AMM signer, else the envelope signer (SG protocol/v1/status_message.go SigPubKey). */
  readonly signer: Signer;
  /** `0x` + hex of keccak256(AMM signer || AMM bytes). */
  readonly messageId: string;
  /** The inner protobuf bytes. */
  readonly payload: Uint8Array;
  /** The AMM bytes the message ID was computed over. */
  readonly applicationMessage: Uint8Array;
  /** Present when a hash-ratchet key exchange (seq_no 0) carried the AMM. */
  readonly keyExchange?: HashRatchetKeyExchange;
  /** Present when the AMM came wrapped in SDS. */
  readonly sds?: SdsEnvelope;
};

type MessageFields<Signer> = OpenedFields<Signer> & DecodedInnerMessage;

/** An application message decoded from bytes without a Waku envelope. */
export type DecodedApplicationMessage = MessageFields<Uint8Array | undefined>;

/**
 * A Status message opened from a Waku payload and verified (both signatures, message ID), its inner protobuf
 * still bytes: decodeInnerMessage(type, payload) reads it.
 */
export type OpenedStatusMessage = OpenedFields<Uint8Array> & {
  /** 65-byte uncompressed signer of the 26/WAKU2-PAYLOAD envelope. */
  readonly envelopeSigner: Uint8Array;
};

/** A Status message decoded from a Waku payload. */
export type DecodedStatusMessage = OpenedStatusMessage & DecodedInnerMessage;

/** A message whose AMM is encrypted under a hash ratchet or 1:1 session this module does not hold. */
export interface EncryptedApplicationMessage {
  readonly kind: 'encrypted';
  readonly layers: readonly MessageLayer[];
  readonly encryption: EncryptedLayer;
}

export interface EncryptedStatusMessage extends EncryptedApplicationMessage {
  readonly envelopeSigner: Uint8Array;
}

/** One segment of a larger payload that is not complete yet (or no assembler was given). */
export interface StatusMessageSegment {
  readonly kind: 'segment';
  readonly envelopeSigner: Uint8Array;
  readonly segment: MessageSegment;
  /** What the assembler did with it; undefined without an assembler. */
  readonly progress: Exclude<SegmentProgress, { readonly status: 'complete' }> | undefined;
}

export type ApplicationMessageDecoding = DecodedApplicationMessage | EncryptedApplicationMessage;
export type StatusMessageOpening = OpenedStatusMessage | EncryptedStatusMessage | StatusMessageSegment;
export type StatusMessageDecoding = DecodedStatusMessage | EncryptedStatusMessage | StatusMessageSegment;

/** Layers → AMM (signature, message ID), after the envelope (and segmentation) are dealt with. */
const openApplicationLayers = <Signer extends Uint8Array | undefined>(
  bytes: Uint8Array,
  outerLayers: readonly MessageLayer[],
  envelopeSigner: Signer,
): Result<OpenedFields<Uint8Array | Signer> | EncryptedApplicationMessage> => {
  const unwrapped = unwrapLayers(bytes);
  const layers = outerLayers.length === 0 ? unwrapped.layers : [...outerLayers, ...unwrapped.layers];
  if (unwrapped.kind === 'encrypted')
    return ok({ kind: 'encrypted', layers, encryption: unwrapped.encryption });

  const amm = unwrapApplicationMessage(unwrapped.applicationBytes);
  if (!amm.ok) return amm;
  const { type, signer, messageId, payload } = amm.value;
  return ok({
    kind: 'message',
    layers,
    type,
    ammSigner: signer,
    signer: signer ?? envelopeSigner,
    messageId,
    payload,
    applicationMessage: unwrapped.applicationBytes,
    ...(unwrapped.keyExchange && { keyExchange: unwrapped.keyExchange }),
    ...(unwrapped.sds && { sds: unwrapped.sds }),
  });
};

/** The opened message with its inner protobuf decoded (UNKNOWN_MESSAGE_TYPE, MALFORMED_PROTOBUF). */
const withInnerMessage = <Fields extends OpenedFields<Uint8Array | undefined>>(
  fields: Fields,
): Result<Fields & DecodedInnerMessage> => {
  const inner = decodeInnerMessage(fields.type, fields.payload);
  return inner.ok ? ok({ ...fields, ...inner.value }) : inner;
};

/**
 * Decodes decrypted payload bytes that have no Waku envelope: a bare AMM, or one wrapped in a
 * ProtocolMessage and/or SDS. The signer is the AMM's own (undefined if the AMM is unsigned).
 */
export const decodeApplicationMessage = (bytes: Uint8Array): Result<ApplicationMessageDecoding> => {
  const opened = openApplicationLayers(bytes, [], undefined);
  if (!opened.ok) return opened;
  return opened.value.kind === 'message' ? withInnerMessage(opened.value) : ok(opened.value);
};

/**
 * Opens a 26/WAKU2-PAYLOAD v1 envelope with the symmetric key, or with the private key (ECIES). With both,
 * the private key is tried when the symmetric key does not authenticate. Unsigned envelopes are
 * UNSIGNED_ENVELOPE: status-go drops them (SG protocol/v1/status_message.go HandleTransportLayer).
 */
const openEnvelope = (wakuPayload: Uint8Array, keys: StatusMessageKeys): Result<DecodedWakuPayload> => {
  if (keys.symKey) {
    const opened = decodeSymmetric(wakuPayload, keys.symKey);
    if (opened.ok || !keys.privateKey || opened.error.code !== ErrorCode.DECRYPTION_FAILED) return opened;
  }
  if (keys.privateKey) return decodeAsymmetric(wakuPayload, keys.privateKey);
  throw new TypeError('openStatusMessage needs keys.symKey or keys.privateKey');
};

/**
 * The receive path of one Waku payload up to the verified AMM: envelope (symmetric or ECIES, signed) →
 * segments → ProtocolMessage → SDS → AMM (signature, message ID). The inner protobuf is left as bytes, for a
 * caller that reads it elsewhere (the indexer's decode thread hands plain data to its main thread). Fails
 * with the typed error of the first step that fails. A pure function: the only state is the optional
 * segment assembler.
 */
export const openStatusMessage = (
  wakuPayload: Uint8Array,
  keys: StatusMessageKeys,
  options: DecodeStatusMessageOptions = {},
): Result<StatusMessageOpening> => {
  const envelope = openEnvelope(wakuPayload, keys);
  if (!envelope.ok) return envelope;
  const envelopeSigner = envelope.value.signer;
  let data = envelope.value.data;
  let outerLayers: readonly MessageLayer[] = [];

  // Segmentation sits right inside the envelope (SG message_sender.go handleSegmentationLayerV2).
  const segment = parseSegmentMessage(data);
  if (segment) {
    if (!options.segments) return ok({ kind: 'segment', envelopeSigner, segment, progress: undefined });
    const { assembler, nowMs } = options.segments;
    const progress = assembler.add(segment, envelopeSigner, nowMs);
    if (!progress.ok) return progress;
    if (progress.value.status !== 'complete')
      return ok({ kind: 'segment', envelopeSigner, segment, progress: progress.value });
    data = progress.value.payload;
    outerLayers = ['segments'];
  }

  const opened = openApplicationLayers(data, outerLayers, envelopeSigner);
  if (!opened.ok) return opened;
  return ok({ ...opened.value, envelopeSigner });
};

/**
 * The full receive path of one Waku payload: openStatusMessage, then the inner protobuf. Fails with the
 * typed error of the first step that fails.
 */
export const decodeStatusMessage = (
  wakuPayload: Uint8Array,
  keys: StatusMessageKeys,
  options: DecodeStatusMessageOptions = {},
): Result<StatusMessageDecoding> => {
  const opened = openStatusMessage(wakuPayload, keys, options);
  if (!opened.ok) return opened;
  return opened.value.kind === 'message' ? withInnerMessage(opened.value) : ok(opened.value);
};

export interface StatusMessageToEncode {
  readonly type: ApplicationMessageType;
  /** The marshalled inner protobuf. */
  readonly payload: Uint8Array;
  /** Signs the AMM: the member's chat key, or the community key (descriptions, responses, kicks, grants). */
  readonly signerPriv: Uint8Array;
  /** Signs the envelope; defaults to signerPriv. status-go always uses the node's chat identity here. */
  readonly envelopeSignerPriv?: Uint8Array;
  /** Symmetric (public chats and community topics) or ECIES to one recipient (requests, responses). */
  readonly envelope: { readonly symKey: Uint8Array } | { readonly recipientPublicKey: Uint8Array };
  /** Put the AMM in ProtocolMessage.public_message, as status-go does for channel messages (§1.2). */
  readonly wrapInProtocolMessage?: boolean;
  /**
   * Builds the ProtocolMessage around the signed AMM instead (a hash-ratchet message or the rekey envelope
   * of an encrypted description: encodeHashRatchetMessage, encodeRekeyMessage).
   */
  readonly protocolLayer?: (applicationMessage: Uint8Array) => Uint8Array;
  /** Data larger than this is segmented (default DEFAULT_SEGMENT_SIZE, status-go's threshold). */
  readonly maxSegmentSize?: number;
}

export interface EncodedStatusMessage {
  /** Waku payloads, one per Waku message: a single one unless the data had to be segmented. */
  readonly payloads: readonly Uint8Array[];
  /** The message ID receivers compute. */
  readonly messageId: string;
  /** The signed AMM bytes. */
  readonly applicationMessage: Uint8Array;
}

/** A message signed and segmented, not yet encrypted: seal it for each destination (sealStatusMessage). */
export interface PreparedStatusMessage {
  readonly messageId: string;
  readonly applicationMessage: Uint8Array;
  /** Each Waku message's signed v1 plaintext (signWakuPayload): one, or one per segment. */
  readonly signedParts: readonly Uint8Array[];
}

/**
 * Signs the AMM, adds the ProtocolMessage layer, segments and signs each part's envelope — everything of
 * encodeStatusMessage but the encryption, so a message published on several shards is hashed and signed once
 * (a 700 KB description: three Keccak passes instead of six for two shards).
 */
export const prepareStatusMessage = (
  input: Omit<StatusMessageToEncode, 'envelope'>,
): PreparedStatusMessage => {
  const { type, payload, signerPriv } = input;
  const applicationMessage = wrapApplicationMessage(type, payload, signerPriv);
  const messageId = messageIdOf(publicKeyFromPrivateKey(signerPriv), applicationMessage);
  const data = input.protocolLayer
    ? input.protocolLayer(applicationMessage)
    : input.wrapInProtocolMessage
      ? encodeProto(
          status.encryption.ProtocolMessage,
          status.encryption.ProtocolMessage.create({ publicMessage: applicationMessage }),
        )
      : applicationMessage;
  const envelopeSigner = input.envelopeSignerPriv ?? signerPriv;
  const signedParts = splitIntoSegments(data, input.maxSegmentSize ?? DEFAULT_SEGMENT_SIZE).map((part) =>
    signWakuPayload(part, envelopeSigner),
  );
  return { messageId, applicationMessage, signedParts };
};

/**
 * Encrypts a prepared message for one destination; each call has fresh nonces (or ECIES ephemeral keys), so
 * the same message sealed twice gives different Waku payloads. An invalid ECIES recipient key is INVALID_KEY.
 */
export const sealStatusMessage = (
  prepared: PreparedStatusMessage,
  envelope: StatusMessageToEncode['envelope'],
): Result<EncodedStatusMessage> => {
  const payloads: Uint8Array[] = [];
  for (const signed of prepared.signedParts) {
    if ('symKey' in envelope) {
      payloads.push(encryptSignedSymmetric(signed, envelope.symKey));
    } else {
      const sealed = encryptSignedAsymmetric(signed, envelope.recipientPublicKey);
      if (!sealed.ok) return sealed;
      payloads.push(sealed.value);
    }
  }
  return ok({ payloads, messageId: prepared.messageId, applicationMessage: prepared.applicationMessage });
};

/**
 * Builds what status-go's sender would publish for one message: signed AMM, optional ProtocolMessage,
 * segments when too large, each in a signed 26/WAKU2-PAYLOAD v1 envelope. An invalid ECIES recipient key is
 * INVALID_KEY; an invalid private key or symmetric key length is a bug and throws.
 */
export const encodeStatusMessage = (input: StatusMessageToEncode): Result<EncodedStatusMessage> =>
  sealStatusMessage(prepareStatusMessage(input), input.envelope);
