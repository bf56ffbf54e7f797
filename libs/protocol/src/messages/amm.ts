import {
  UNCOMPRESSED_PUBLIC_KEY_LENGTH,
  bytesToPrefixedHex,
  keccak256,
  keccak256Concat,
  recoverPublicKey,
  sign,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';

const AMM = status.ApplicationMetadataMessage;

/** The `type` of an ApplicationMetadataMessage (status-go numbering). */
export type ApplicationMessageType = status.ApplicationMetadataMessage.Type;

/** An ApplicationMetadataMessage taken apart, its signer recovered. */
export interface UnwrappedApplicationMessage {
  readonly type: number;
  /** Enum name of `type` (e.g. "CHAT_MESSAGE"), or "UNRECOGNIZED" for a number status-go does not define. */
  readonly typeName: string;
  /** The marshalled inner protobuf. */
  readonly payload: Uint8Array;
  /** 65 bytes r||s||v over keccak256(payload); empty when the sender did not sign. */
  readonly signature: Uint8Array;
  /**
   * 65-byte uncompressed signer, or undefined for an unsigned AMM: the caller then falls back to the
   * envelope signer, as status-go's StatusMessage.SigPubKey does.
   */
  readonly signer: Uint8Array | undefined;
  /** `0x` + hex of keccak256(signer || AMM bytes). */
  readonly messageId: string;
}

/** Name of an AMM type number, "UNRECOGNIZED" when status-go has none for it. */
export const applicationMessageTypeName = (type: number): string =>
  status.ApplicationMetadataMessage.Type[type] ?? 'UNRECOGNIZED';

/**
 * Marshals an AMM signed over keccak256(payload) by `signerPriv`.
 * SG protocol/v1/message.go WrapMessageV1.
 */
export const wrapApplicationMessage = (
  type: ApplicationMessageType,
  payload: Uint8Array,
  signerPriv: Uint8Array,
): Uint8Array => {
  const signature = sign(keccak256(payload), signerPriv);
  return encodeProto(AMM, AMM.create({ signature, payload, type }));
};

/**
 * Message ID: keccak256(65-byte uncompressed signer || AMM bytes), `0x` + hex. With no signer status-go
 * hashes the AMM bytes alone (FromECDSAPub(nil) is empty), which is what an unsigned AMM gets.
 * SG protocol/v1/message.go MessageID; protocol/v1/status_message.go HandleApplicationLayer.
 */
export const messageIdOf = (signer: Uint8Array | undefined, ammBytes: Uint8Array): string => {
  if (signer === undefined) return bytesToPrefixedHex(keccak256(ammBytes));
  if (signer.length !== UNCOMPRESSED_PUBLIC_KEY_LENGTH || signer[0] !== 4)
    throw new RangeError('messageIdOf needs the 65-byte uncompressed signer key');
  return bytesToPrefixedHex(keccak256Concat([signer, ammBytes]));
};

/**
 * Parses an AMM and recovers its signer from the signature over keccak256(payload). A signature that
 * does not recover is INVALID_SIGNATURE (status-go drops the message); an empty one leaves the signer
 * undefined. SG protocol/v1/status_message.go HandleApplicationLayer, common/utils.go RecoverKey.
 */
export const unwrapApplicationMessage = (ammBytes: Uint8Array): Result<UnwrappedApplicationMessage> => {
  const decoded = decodeProto<status.ApplicationMetadataMessage>(AMM, ammBytes);
  if (!decoded.ok) return decoded;
  const { signature, payload, type } = decoded.value;

  let signer: Uint8Array | undefined;
  if (signature.length > 0) {
    const recovered = recoverPublicKey(keccak256(payload), signature);
    if (!recovered.ok)
      return fail(ErrorCode.INVALID_SIGNATURE, `application message signature: ${recovered.error.message}`, {
        layer: 'application',
        type,
      });
    signer = recovered.value;
  }

  return ok({
    type,
    typeName: applicationMessageTypeName(type),
    payload,
    signature,
    signer,
    messageId: messageIdOf(signer, ammBytes),
  });
};
