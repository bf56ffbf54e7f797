import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { encodeStatusMessage } from '@status-communities/protocol';
import { openRequest } from './open-request.js';

const communityKey = generatePrivateKey();
const communityPublicKey = publicKeyFromPrivateKey(communityKey);
const memberKey = generatePrivateKey();

const sealedTo = (recipient: Uint8Array, type: number, payload: Uint8Array): Uint8Array =>
  unwrap(
    encodeStatusMessage({
      type,
      payload,
      signerPriv: memberKey,
      envelope: { recipientPublicKey: recipient },
    }),
  ).payloads[0] ?? new Uint8Array();

describe('openRequest', () => {
  it('opens the requests a control node handles, with their signer', () => {
    const communityId = publicKeyFromPrivateKey(communityKey, { compressed: true });
    const cases = [
      [27, status.CommunityRequestToJoin, 'join'],
      [60, status.CommunityCancelRequestToJoin, 'cancel'],
      [57, status.CommunityRequestToLeave, 'leave'],
      [68, status.CommunityEditSharedAddresses, 'edit-addresses'],
      [84, status.CommunityReevaluatePermissionsRequest, 'reevaluate'],
    ] as const;
    for (const [type, codec, kind] of cases) {
      const payload = encodeProto(codec as typeof status.CommunityRequestToLeave, { clock: 7, communityId });
      const opened = unwrap(openRequest(sealedTo(communityPublicKey, type, payload), communityKey));
      expect(opened.kind).toBe(kind);
      expect(bytesToPrefixedHex(opened.signer)).toBe(bytesToPrefixedHex(publicKeyFromPrivateKey(memberKey)));
      expect(opened.messageId).toMatch(/^0x[0-9a-f]{64}$/);
    }
  });

  it('refuses other messages, and messages sealed to another key', () => {
    const chat = encodeProto(status.ChatMessage, { clock: 1, text: 'hello' });
    const other = openRequest(sealedTo(communityPublicKey, 1, chat), communityKey);
    expect(other.ok ? other.value.kind : other.error.code).toBe(ErrorCode.UNKNOWN_MESSAGE_TYPE);
    const elsewhere = publicKeyFromPrivateKey(generatePrivateKey());
    const misdirected = openRequest(sealedTo(elsewhere, 27, new Uint8Array()), communityKey);
    expect(misdirected.ok ? misdirected.value.kind : misdirected.error.code).toBe(
      ErrorCode.DECRYPTION_FAILED,
    );
  });
});
