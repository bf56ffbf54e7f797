// Hash-ratchet group messages in the ProtocolMessage layer: encrypted community and channel messages
// (seq_no ≥ 1), key exchanges with keys in the clear (seq_no 0, HRHeader.keys.keys) and group rekeys
// (seq_no 0, HRHeader.keys.rekey_group). SG protocol/encryption/protocol.go BuildHashRatchetMessage,
// BuildHashRatchetReKeyGroupMessage, HandleHashRatchetKeys; encryptor.go EncryptHashRatchetPayload,
// DecryptWithHR; encrypted-communities.md §4.3–§4.6.
import {
  bytesToHex,
  decryptWithHashRatchet,
  deprecatedHashRatchetKeyId,
  encryptWithHashRatchet,
  equalBytes,
  keyIdOf,
  openRekeyGroupKey,
  sealRekeyGroupKeys,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, encodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import { NO_INSTALLATION_ID, type EncryptedLayer, type HashRatchetKeyExchange } from './layers.js';

const HASH_RATCHET_KEY_LENGTH = 32;

/** The hash-ratchet variant of an encrypted layer, as unwrapLayers reports it. */
export type HashRatchetLayer = Extract<EncryptedLayer, { kind: 'hash-ratchet' }>;

/** Where a receiver finds its group keys; see indexHashRatchetKeys for an in-memory one. */
export interface HashRatchetKeyLookup {
  byKeyId(keyId: Uint8Array): HashRatchetKey | undefined;
  /** Old clients send no key_id: the key is found by group and uint32(timestamp). */
  byDeprecatedKeyId(groupId: Uint8Array, deprecatedKeyId: number): HashRatchetKey | undefined;
}

/** An in-memory lookup over known keys (every key of a group is kept, so old messages stay readable). */
export const indexHashRatchetKeys = (keys: Iterable<HashRatchetKey>): HashRatchetKeyLookup => {
  const byKeyId = new Map<string, HashRatchetKey>();
  const byDeprecated = new Map<string, HashRatchetKey>();
  for (const key of keys) {
    byKeyId.set(bytesToHex(keyIdOf(key)), key);
    byDeprecated.set(`${bytesToHex(key.groupId)}/${deprecatedHashRatchetKeyId(key.timestampMs)}`, key);
  }
  return {
    byKeyId: (keyId) => byKeyId.get(bytesToHex(keyId)),
    byDeprecatedKeyId: (groupId, deprecatedKeyId) =>
      byDeprecated.get(`${bytesToHex(groupId)}/${deprecatedKeyId}`),
  };
};

/** HRHeader of a message sent under `key` at `seqNo`. */
const messageHeader = (key: HashRatchetKey, seqNo: number): status.encryption.HRHeader.$Properties => ({
  deprecatedKeyId: deprecatedHashRatchetKeyId(key.timestampMs),
  seqNo,
  groupId: key.groupId,
  keyId: keyIdOf(key),
});

const protocolMessage = (
  installationId: string,
  entry: status.encryption.EncryptedMessageProtocol.$Properties,
): Uint8Array =>
  encodeProto(
    status.encryption.ProtocolMessage,
    status.encryption.ProtocolMessage.create({
      installationId,
      encryptedMessage: { [NO_INSTALLATION_ID]: entry },
    }),
  );

export interface HashRatchetMessageInput {
  /** The sender's installation ID (status-go: a UUID per device). */
  readonly installationId: string;
  readonly key: HashRatchetKey;
  /** 1 + the highest seq_no seen for this key, sent or received (SG encryptor.go EncryptWithHR). */
  readonly seqNo: number;
  /** The signed ApplicationMetadataMessage bytes. */
  readonly applicationBytes: Uint8Array;
  /** Tests only: a fixed AES-GCM nonce. */
  readonly nonce?: Uint8Array;
}

/**
 * ProtocolMessage{installation_id, encrypted_message{"none": {payload = EncryptSymmetric(k_seqNo, AMM),
 * HR_header{deprecated_key_id, seq_no, group_id, key_id}}}}: a chat message, edit, delete, pin or
 * reaction in an encrypted channel or community. A seqNo outside 1..100000 is a bug and throws.
 */
export const encodeHashRatchetMessage = (input: HashRatchetMessageInput): Uint8Array =>
  protocolMessage(input.installationId, {
    payload: encryptWithHashRatchet(input.key.key, input.seqNo, input.applicationBytes, input.nonce),
    HRHeader: messageHeader(input.key, input.seqNo),
  });

/** The key a hash-ratchet message names: by key_id, or by group and deprecated_key_id when key_id is empty. */
export const findHashRatchetKey = (
  layer: HashRatchetLayer,
  keys: HashRatchetKeyLookup,
): Result<HashRatchetKey> => {
  const key =
    layer.keyId.length > 0
      ? keys.byKeyId(layer.keyId)
      : keys.byDeprecatedKeyId(layer.groupId, layer.deprecatedKeyId);
  if (key && (layer.groupId.length === 0 || equalBytes(key.groupId, layer.groupId))) return ok(key);
  return fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'no hash-ratchet key for this message', {
    groupId: bytesToHex(layer.groupId),
    keyId: bytesToHex(layer.keyId),
    deprecatedKeyId: layer.deprecatedKeyId,
  });
};

/**
 * The AMM bytes of a hash-ratchet message. HASH_RATCHET_KEY_NOT_FOUND when its key is not held (keep the
 * message and retry when the key arrives, as status-go does), HASH_RATCHET_SEQ_NO_TOO_HIGH past 100000,
 * MALFORMED_PAYLOAD for a truncated payload, DECRYPTION_FAILED for a wrong key, seq_no or tag.
 */
export const decryptHashRatchetLayer = (
  layer: HashRatchetLayer,
  keys: HashRatchetKeyLookup,
): Result<Uint8Array> => {
  const key = findHashRatchetKey(layer, keys);
  if (!key.ok) return key;
  return decryptWithHashRatchet(key.value.key, layer.seqNo, layer.ciphertext);
};

const toHRKey = (key: HashRatchetKey): status.encryption.HRKey.$Properties => ({
  deprecatedKeyId: deprecatedHashRatchetKeyId(key.timestampMs),
  key: key.key,
  timestamp: bigIntToUint64(key.timestampMs),
});

const sameGroup = (groupId: Uint8Array, keys: readonly HashRatchetKey[]): void => {
  if (keys.some((key) => !equalBytes(key.groupId, groupId)))
    throw new RangeError('every key of an exchange must belong to its group');
};

/**
 * HRHeader of a key exchange: seq_no 0, the group and its keys in the clear (HRKeys.keys). It rides on the
 * entries of a 1:1 message (X3DH/DR or the DH "none" path, see encodeDhKeyExchangeMessage); "reuse" sends
 * every key of the group, "rekey" only the new one. SG protocol.go BuildHashRatchetKeyExchangeMessage, GetHRKeys.
 */
export const keyExchangeHeader = (
  groupId: Uint8Array,
  keys: readonly HashRatchetKey[],
): status.encryption.HRHeader.$Properties => {
  sameGroup(groupId, keys);
  return { groupId, keys: { keys: keys.map(toHRKey) } };
};

export interface RekeyMessageInput {
  readonly installationId: string;
  /** The new current key of the group. */
  readonly key: HashRatchetKey;
  /** The sender's identity key: recipients open their entry with ECDH(their key, the Waku signer). */
  readonly senderPrivateKey: Uint8Array;
  /** Public keys (33/65 bytes) of every member who gets the key. */
  readonly recipients: readonly Uint8Array[];
  /** The inner bytes carried unencrypted (seq_no 0), e.g. the signed description AMM. */
  readonly payload: Uint8Array;
  /** Tests only: fixed nonces of the per-member blobs. */
  readonly nonce?: (index: number) => Uint8Array;
}

/**
 * ProtocolMessage{installation_id, encrypted_message{"none": {payload, HR_header{seq_no 0, group_id,
 * keys{rekey_group{timestamp, keys}}}}}}: the envelope of every published encrypted description, giving each
 * member the current community key. SG protocol.go BuildHashRatchetReKeyGroupMessage; §4.5.
 */
export const encodeRekeyMessage = (input: RekeyMessageInput): Uint8Array => {
  const sealed = sealRekeyGroupKeys(input.senderPrivateKey, input.recipients, input.key.key, input.nonce);
  return protocolMessage(input.installationId, {
    payload: input.payload,
    HRHeader: {
      groupId: input.key.groupId,
      keys: {
        rekeyGroup: {
          timestamp: bigIntToUint64(input.key.timestampMs),
          keys: Object.fromEntries(sealed),
        },
      },
    },
  });
};

export interface KeyExchangeReader {
  /** Our identity key, to open our rekey_group entry. */
  readonly recipientPrivateKey: Uint8Array;
  /** Who sealed it: the Waku payload signer. The caller checks it is the community's control node. */
  readonly senderPublicKey: Uint8Array;
}

/**
 * The keys a seq-0 header gives us: every HRKeys.keys entry (in the clear), and the rekey_group key sealed
 * to us, if there is one. A rekey without an entry for us gives no key (we are not a recipient).
 * MALFORMED_PAYLOAD for a missing group, a key that is not 32 bytes or a rekey without timestamp;
 * DECRYPTION_FAILED (forged) or MALFORMED_PAYLOAD (truncated) for an entry of ours that does not open.
 * SG protocol.go HandleHashRatchetKeys, helpers.go decryptGroupRekeyMessage.
 */
export const readKeyExchangeKeys = (
  exchange: HashRatchetKeyExchange,
  reader: KeyExchangeReader,
): Result<HashRatchetKey[]> => {
  const { groupId } = exchange;
  if (groupId.length === 0) return fail(ErrorCode.MALFORMED_PAYLOAD, 'key exchange without group_id');
  const keys: HashRatchetKey[] = [];
  for (const hrKey of exchange.keys?.keys ?? []) {
    const key = hrKey.key ?? new Uint8Array(0);
    if (key.length !== HASH_RATCHET_KEY_LENGTH)
      return fail(ErrorCode.MALFORMED_PAYLOAD, 'a hash-ratchet key is 32 bytes', { length: key.length });
    keys.push({ groupId, key, timestampMs: uint64ToBigInt(hrKey.timestamp) });
  }
  const rekey = exchange.keys?.rekeyGroup;
  if (rekey) {
    const timestampMs = uint64ToBigInt(rekey.timestamp);
    if (timestampMs === 0n) return fail(ErrorCode.MALFORMED_PAYLOAD, 'rekey_group without timestamp');
    const opened = openRekeyGroupKey(reader.recipientPrivateKey, reader.senderPublicKey, rekey.keys ?? {});
    if (opened.ok) keys.push({ groupId, key: opened.value, timestampMs });
    else if (opened.error.code !== ErrorCode.HASH_RATCHET_KEY_NOT_FOUND) return opened;
  }
  return ok(keys);
};
