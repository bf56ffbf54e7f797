// The 1:1 key-exchange message on status-go's DH fallback path (no X3DH bundle or session with the
// recipient): one entry under "none" with DHHeader.key = a compressed ephemeral key, payload =
// EncryptSymmetric(ECDH(ephemeral, recipient).x, payload) (libs/crypto sealWithDh), and the group keys in
// the clear in HR_header. SG protocol/encryption/ BuildHashRatchetKeyExchangeMessage(WithPayload); encrypted-communities.md §4.6.
import { openWithDh, sealWithDh, type HashRatchetKey } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import { keyExchangeHeader } from './hash-ratchet-messages.js';
import { NO_INSTALLATION_ID, type HashRatchetKeyExchange } from './layers.js';

export interface DhKeyExchangeInput {
  readonly installationId: string;
  /** Recipient's identity key (33/65 bytes). */
  readonly recipientPublicKey: Uint8Array;
  readonly groupId: Uint8Array;
  /** Every key of the group when re-sending ("reuse"), only the new one on a rekey. */
  readonly keys: readonly HashRatchetKey[];
  /** The encrypted payload: a signed AMM (e.g. the request-to-join response) or empty. */
  readonly payload: Uint8Array;
  /** Tests only: a fixed ephemeral key and nonce. */
  readonly ephemeralPrivateKey?: Uint8Array;
  readonly nonce?: Uint8Array;
}

/** ProtocolMessage bytes of a DH key exchange for one recipient. Throws on an invalid recipient key (a bug). */
export const encodeDhKeyExchangeMessage = (input: DhKeyExchangeInput): Uint8Array => {
  const sealed = sealWithDh(input.payload, input.recipientPublicKey, {
    ...(input.ephemeralPrivateKey && { ephemeralPrivateKey: input.ephemeralPrivateKey }),
    ...(input.nonce && { nonce: input.nonce }),
  });
  if (!sealed.ok) throw sealed.error;
  return encodeProto(
    status.encryption.ProtocolMessage,
    status.encryption.ProtocolMessage.create({
      installationId: input.installationId,
      encryptedMessage: {
        [NO_INSTALLATION_ID]: {
          DHHeader: { key: sealed.value.ephemeralPublicKey },
          payload: sealed.value.payload,
          HRHeader: keyExchangeHeader(input.groupId, input.keys),
        },
      },
    }),
  );
};

export interface OpenedDhMessage {
  readonly payload: Uint8Array;
  /** Present when the message carries a seq-0 HR header: read its keys with readKeyExchangeKeys. */
  readonly keyExchange?: HashRatchetKeyExchange;
}

/**
 * Opens the "none" DH entry of a ProtocolMessage with our identity key. MALFORMED_PROTOBUF / MALFORMED_PAYLOAD
 * for bytes that are not such a message or a bad ephemeral key, DECRYPTION_FAILED when it was
 * not encrypted to us. Status-go imports HR_header.keys only after this decrypt succeeded, and so do we.
 */
export const openDhKeyExchangeMessage = (
  bytes: Uint8Array,
  recipientPrivateKey: Uint8Array,
): Result<OpenedDhMessage> => {
  const decoded = decodeProto(status.encryption.ProtocolMessage, bytes);
  if (!decoded.ok) return decoded;
  const entry = decoded.value.encryptedMessage?.[NO_INSTALLATION_ID];
  const ephemeral = entry?.DHHeader?.key;
  if (!entry || !ephemeral || ephemeral.length === 0)
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'not a DH message: no "none" entry with a DH header');
  const payload = openWithDh(entry.payload ?? new Uint8Array(0), ephemeral, recipientPrivateKey);
  if (!payload.ok) return payload;
  const header = entry.HRHeader;
  if (!header || (header.seqNo ?? 0) !== 0) return ok({ payload: payload.value });
  return ok({
    payload: payload.value,
    keyExchange: {
      groupId: header.groupId ?? new Uint8Array(0),
      keyId: header.keyId ?? new Uint8Array(0),
      deprecatedKeyId: header.deprecatedKeyId ?? 0,
      keys: header.keys ?? undefined,
    },
  });
};
