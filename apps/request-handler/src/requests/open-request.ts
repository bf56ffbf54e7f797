// A Waku message on a hosted community's request topic, opened with the community key (ECIES) and read as
// status-go's control node reads it. SG protocol/messenger_handler.go HandleCommunityRequestToJoin,
// HandleCommunityCancelRequestToJoin, HandleCommunityRequestToLeave.
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import { decodeStatusMessage } from '@status-communities/protocol';

export type OpenedRequest = { readonly signer: Uint8Array; readonly messageId: string } & (
  | { readonly kind: 'join'; readonly request: status.CommunityRequestToJoin }
  | { readonly kind: 'cancel'; readonly request: status.CommunityCancelRequestToJoin }
  | { readonly kind: 'leave'; readonly request: status.CommunityRequestToLeave }
  | { readonly kind: 'keys'; readonly request: status.CommunityEncryptionKeysRequest }
  | { readonly kind: 'edit-addresses'; readonly request: status.CommunityEditSharedAddresses }
  | { readonly kind: 'reevaluate'; readonly request: status.CommunityReevaluatePermissionsRequest }
);

/**
 * Opens the payload: envelope (ECIES to the community key, signed) → AMM (signature) → inner request.
 * Fails with the first step's ErrorCode (DECRYPTION_FAILED, UNSIGNED_ENVELOPE, INVALID_SIGNATURE,
 * MALFORMED_PROTOBUF…); anything but the three requests is UNKNOWN_MESSAGE_TYPE.
 */
export const openRequest = (payload: Uint8Array, communityPrivateKey: Uint8Array): Result<OpenedRequest> => {
  const decoded = decodeStatusMessage(payload, { privateKey: communityPrivateKey });
  if (!decoded.ok) return decoded;
  // Requests are a few hundred bytes: never segmented, never hash-ratchet encrypted.
  if (decoded.value.kind !== 'message')
    return fail(ErrorCode.MALFORMED_PAYLOAD, `a request arrived as ${decoded.value.kind}`, {
      reason: 'not-a-request',
    });
  const message = decoded.value;
  const common = { signer: message.signer, messageId: message.messageId };
  switch (message.typeName) {
    case 'COMMUNITY_REQUEST_TO_JOIN':
      return ok({ ...common, kind: 'join', request: message.message });
    case 'COMMUNITY_CANCEL_REQUEST_TO_JOIN':
      return ok({ ...common, kind: 'cancel', request: message.message });
    case 'COMMUNITY_REQUEST_TO_LEAVE':
      return ok({ ...common, kind: 'leave', request: message.message });
    case 'COMMUNITY_ENCRYPTION_KEYS_REQUEST':
      return ok({ ...common, kind: 'keys', request: message.message });
    case 'COMMUNITY_EDIT_SHARED_ADDRESSES':
      return ok({ ...common, kind: 'edit-addresses', request: message.message });
    case 'COMMUNITY_REEVALUATE_PERMISSIONS_REQUEST':
      return ok({ ...common, kind: 'reevaluate', request: message.message });
    default:
      return fail(
        ErrorCode.UNKNOWN_MESSAGE_TYPE,
        `${message.typeName} is not a request to the control node`,
        {
          reason: 'not-a-request',
        },
      );
  }
};
