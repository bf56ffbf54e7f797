// The layers between a decrypted Waku payload and the ApplicationMetadataMessage, unwrapped as status-go's
// receiver does: each one is optional and a failure to parse it passes the bytes on unchanged.
// SG protocol/common/message_sender.go handleMessage, protocol/v1/status_message.go HandleEncryptionLayer,
// protocol/encryption/protocol.go HandleMessage; [NEW] pkg/messaging/controller/processor/processor.go,
// pkg/messaging/layers/reliability/sds.go UnwrapPayloadFromSDS. status-wire.md §0 "Layering", §1.2, §1.4.
import { decodeProto, sds, status, uint64ToBigInt } from '@status-communities/proto';
import { hasLengthDelimitedField } from './wire.js';

/** A layer seen around the AMM, outermost first. */
export type MessageLayer = 'segments' | 'protocol-message' | 'sds';

// ProtocolMessage.encrypted_message = 101, public_message = 102 (SG protocol/encryption/protocol_message.proto).
const PROTOCOL_MESSAGE_ENCRYPTED_FIELD = 101;
const PROTOCOL_MESSAGE_PUBLIC_FIELD = 102;
// sds.Message.content = 20 (RFC ift-ts/raw/sds.md).
const SDS_CONTENT_FIELD = 20;
// Group messages (hash ratchet, DH) sit under this key of encrypted_message. SG encryption/encryptor.go noInstallationID.
export const NO_INSTALLATION_ID = 'none';

/** The hash-ratchet key-exchange header of a seq-0 message, whose payload is the plaintext AMM. */
export interface HashRatchetKeyExchange {
  readonly groupId: Uint8Array;
  readonly keyId: Uint8Array;
  readonly deprecatedKeyId: number;
  /** Keys for the group, still encrypted to each member (rekey_group) or in the clear (1:1 key exchange). */
  readonly keys: status.encryption.HRKeys.$Properties | undefined;
}

/** What an `encrypted_message` that this module does not decrypt was encrypted with. */
export type EncryptedLayer =
  | {
      /** A community or channel message under the group's hash ratchet (seq_no >= 1). */
      readonly kind: 'hash-ratchet';
      readonly groupId: Uint8Array;
      readonly keyId: Uint8Array;
      readonly seqNo: number;
      /** uint32 of the key timestamp, set by old clients in place of keyId. */
      readonly deprecatedKeyId: number;
      /** AES-256-GCM `ct || tag || nonce` under keccak256^seqNo(key). */
      readonly ciphertext: Uint8Array;
    }
  | {
      /** A 1:1 message (X3DH / double ratchet / DH), or one addressed to other installations only. */
      readonly kind: '1:1';
      readonly installationIds: readonly string[];
    };

/** The SDS fields a receiver may use for causal ordering. */
export interface SdsEnvelope {
  readonly senderId: string;
  readonly messageId: string;
  readonly channelId: string;
  readonly lamportTimestamp: bigint | undefined;
}

/** The result of unwrapping: the AMM bytes, or an encrypted payload left for a key holder. */
export type UnwrappedLayers =
  | {
      readonly kind: 'application';
      readonly layers: readonly MessageLayer[];
      /** Bytes to parse as an ApplicationMetadataMessage (a view into the input, not a copy). */
      readonly applicationBytes: Uint8Array;
      readonly keyExchange?: HashRatchetKeyExchange;
      readonly sds?: SdsEnvelope;
    }
  | {
      readonly kind: 'encrypted';
      readonly layers: readonly MessageLayer[];
      readonly encryption: EncryptedLayer;
    };

type ProtocolLayer =
  | { readonly kind: 'absent' }
  | { readonly kind: 'plain'; readonly inner: Uint8Array; readonly keyExchange?: HashRatchetKeyExchange }
  | { readonly kind: 'encrypted'; readonly encryption: EncryptedLayer };

const ABSENT: ProtocolLayer = { kind: 'absent' };

/**
 * status-go parses every payload as a ProtocolMessage and keeps the raw bytes whenever that yields no
 * content: on a parse error, and on ErrNoPayload (neither public_message nor encrypted_message set, as
 * for a bare AMM, whose fields 1-3 never include 101 or 102). Both content fields are length-delimited
 * at the top level, so their absence there settles it without a decode. Empty bytes count as unset
 * (proto3 bytes decode to nil in Go).
 */
const unwrapProtocolMessage = (bytes: Uint8Array): ProtocolLayer => {
  if (
    !hasLengthDelimitedField(bytes, PROTOCOL_MESSAGE_PUBLIC_FIELD) &&
    !hasLengthDelimitedField(bytes, PROTOCOL_MESSAGE_ENCRYPTED_FIELD)
  )
    return ABSENT;
  const decoded = decodeProto<status.encryption.ProtocolMessage>(status.encryption.ProtocolMessage, bytes);
  if (!decoded.ok) return ABSENT;
  const message = decoded.value;
  // public_message wins over encrypted_message (SG encryption/protocol.go HandleMessage). Bundles are not
  // verified here: that is X3DH's business; status-go drops a message whose bundle fails to verify.
  if (message.publicMessage.length > 0) return { kind: 'plain', inner: message.publicMessage };

  const installationIds = Object.keys(message.encryptedMessage);
  if (installationIds.length === 0) return ABSENT;
  // We have no installation ID of our own, so only the group entry can be ours (SG encryptor.go GetMessage).
  const entry = message.encryptedMessage[NO_INSTALLATION_ID];
  if (entry === undefined || entry.X3DHHeader || entry.DRHeader || entry.DHHeader)
    return { kind: 'encrypted', encryption: { kind: '1:1', installationIds } };
  const header = entry.HRHeader;
  // An entry with no header at all: status-go's "no key specified" error, which leaves the raw bytes.
  if (!header) return ABSENT;
  const groupId = header.groupId ?? new Uint8Array(0);
  const keyId = header.keyId ?? new Uint8Array(0);
  const deprecatedKeyId = header.deprecatedKeyId ?? 0;
  const seqNo = header.seqNo ?? 0;
  const payload = entry.payload ?? new Uint8Array(0);
  if (seqNo !== 0)
    return {
      kind: 'encrypted',
      encryption: { kind: 'hash-ratchet', groupId, keyId, seqNo, deprecatedKeyId, ciphertext: payload },
    };
  // seq_no 0 is a key exchange and its payload is not encrypted (SG encryptor.go DecryptWithHR). A
  // rekey_group without timestamp makes HandleHashRatchetKeys fail, and status-go keeps the raw bytes.
  const keys = header.keys ?? undefined;
  if (keys?.rekeyGroup && uint64ToBigInt(keys.rekeyGroup.timestamp) === 0n) return ABSENT;
  return { kind: 'plain', inner: payload, keyExchange: { groupId, keyId, deprecatedKeyId, keys } };
};

/**
 * [NEW] status-go wraps public community messages in an SDS Message and unwraps `content` on receipt,
 * passing the bytes on unchanged when they are not SDS. An AMM never carries field 20.
 */
const unwrapSds = (
  bytes: Uint8Array,
): { readonly content: Uint8Array; readonly envelope: SdsEnvelope } | undefined => {
  if (!hasLengthDelimitedField(bytes, SDS_CONTENT_FIELD)) return undefined;
  const decoded = decodeProto<sds.Message>(sds.Message, bytes);
  if (!decoded.ok) return undefined;
  const message = decoded.value;
  if (!message.content || message.content.length === 0) return undefined;
  return {
    content: message.content,
    envelope: {
      senderId: message.senderId,
      messageId: message.messageId,
      channelId: message.channelId,
      lamportTimestamp:
        message.lamportTimestamp == null ? undefined : uint64ToBigInt(message.lamportTimestamp),
    },
  };
};

/**
 * Unwraps the optional ProtocolMessage and SDS layers of decrypted (and reassembled) Waku payload bytes.
 * Never fails: whatever is not a layer is handed on as the AMM bytes, and the AMM decoder judges them.
 * A hash-ratchet payload of a later seq_no, or a 1:1 message, is reported as encrypted.
 */
export const unwrapLayers = (bytes: Uint8Array): UnwrappedLayers => {
  const layers: MessageLayer[] = [];
  let inner = bytes;
  let keyExchange: HashRatchetKeyExchange | undefined;

  const protocol = unwrapProtocolMessage(bytes);
  if (protocol.kind === 'encrypted')
    return { kind: 'encrypted', layers: ['protocol-message'], encryption: protocol.encryption };
  if (protocol.kind === 'plain') {
    layers.push('protocol-message');
    inner = protocol.inner;
    keyExchange = protocol.keyExchange;
  }

  const sdsLayer = unwrapSds(inner);
  if (sdsLayer) {
    layers.push('sds');
    inner = sdsLayer.content;
  }

  return {
    kind: 'application',
    layers,
    applicationBytes: inner,
    ...(keyExchange && { keyExchange }),
    ...(sdsLayer && { sds: sdsLayer.envelope }),
  };
};
