// Group keys in 1:1 messages: status-go puts HR_header{seq_no 0, group_id, keys} (the keys in the clear) on
// every entry of a 1:1 message that hands out community or channel keys, whatever session encrypts the
// entry; the receiver imports them only after that entry decrypted. The DH "none" path (no bundle or
// session with the recipient) is enough to reach status-go, which is what the control node sends.
// SG protocol/encryption/protocol.go BuildHashRatchetKeyExchangeMessage(WithPayload), HandleMessage;
// encryptor.go encryptWithDH / DecryptWithDH; encrypted-communities.md §4.6.
import { openWithDh, sealWithDh, type DhSealOptions, type HashRatchetKey } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import { keyExchangeHeader } from '../messages/hash-ratchet-messages.js';
import { NO_INSTALLATION_ID, type HashRatchetKeyExchange } from '../messages/layers.js';
import { dhEntry, encodeDirectProtocolMessage, selectDirectEntry } from './encryption-layer.js';

type Entry = status.encryption.EncryptedMessageProtocol.$Properties;

/** The entries of a 1:1 message, each given the key-exchange header of `groupId` and `keys`. */
export const withKeyExchangeHeader = (
  entries: Readonly<Record<string, Entry>>,
  groupId: Uint8Array,
  keys: readonly HashRatchetKey[],
): Record<string, Entry> => {
  const header = keyExchangeHeader(groupId, keys);
  return Object.fromEntries(
    Object.entries(entries).map(([id, entry]) => [id, { ...entry, HRHeader: header }]),
  );
};

/**
 * The key exchange on an entry of a 1:1 message (a seq-0 HR header), to read with readKeyExchangeKeys
 * once that entry decrypted. Undefined when the entry carries none.
 */
export const keyExchangeOfEntry = (
  message: status.encryption.ProtocolMessage.$Properties,
  installationId: string,
): HashRatchetKeyExchange | undefined => {
  const header = message.encryptedMessage?.[installationId]?.HRHeader;
  if (!header || (header.seqNo ?? 0) !== 0) return undefined;
  return {
    groupId: header.groupId ?? new Uint8Array(0),
    keyId: header.keyId ?? new Uint8Array(0),
    deprecatedKeyId: header.deprecatedKeyId ?? 0,
    keys: header.keys ?? undefined,
  };
};

export interface DhKeyExchangeInput {
  /** Our installation ID. */
  readonly installationId: string;
  /** Recipient's identity key (33/65 bytes). */
  readonly recipientPublicKey: Uint8Array;
  readonly groupId: Uint8Array;
  /** Every key of the group when re-sending ("reuse"), only the new one on a rekey. */
  readonly keys: readonly HashRatchetKey[];
  /** The encrypted payload: a signed AMM (e.g. the request-to-join response) or empty. */
  readonly payload: Uint8Array;
  /** Tests only: a fixed ephemeral key and nonce. */
  readonly seal?: DhSealOptions;
}

/** ProtocolMessage bytes of a DH-path key exchange for one recipient. Throws on an invalid recipient key (a bug). */
export const encodeDhKeyExchangeMessage = (input: DhKeyExchangeInput): Uint8Array => {
  const sealed = sealWithDh(input.payload, input.recipientPublicKey, input.seal);
  if (!sealed.ok) throw sealed.error;
  return encodeDirectProtocolMessage({
    installationId: input.installationId,
    entries: withKeyExchangeHeader(
      { [NO_INSTALLATION_ID]: dhEntry(sealed.value) },
      input.groupId,
      input.keys,
    ),
  });
};

export interface OpenedDhKeyExchange {
  readonly payload: Uint8Array;
  /** Present when the entry carries a seq-0 HR header. */
  readonly keyExchange?: HashRatchetKeyExchange;
}

/**
 * Opens the "none" DH entry of a ProtocolMessage with our identity key: MALFORMED_PROTOBUF or
 * MALFORMED_PAYLOAD for bytes that are not such a message, DECRYPTION_FAILED when it was not encrypted to
 * us. Messages with X3DH/DR entries for our installations go through decryptFromPeer instead, then
 * keyExchangeOfEntry.
 */
export const openDhKeyExchangeMessage = (
  bytes: Uint8Array,
  recipientPrivateKey: Uint8Array,
): Result<OpenedDhKeyExchange> => {
  const decoded = decodeProto(status.encryption.ProtocolMessage, bytes);
  if (!decoded.ok) return decoded;
  const selected = selectDirectEntry(decoded.value, NO_INSTALLATION_ID);
  if (!selected.ok) return selected;
  const { entry } = selected.value;
  if (entry.kind !== 'dh') return fail(ErrorCode.MALFORMED_PAYLOAD, 'the "none" entry is not a DH entry');
  const payload = openWithDh(entry.payload, entry.ephemeralKey, recipientPrivateKey);
  if (!payload.ok) return payload;
  const keyExchange = keyExchangeOfEntry(decoded.value, NO_INSTALLATION_ID);
  return ok({ payload: payload.value, ...(keyExchange && { keyExchange }) });
};
