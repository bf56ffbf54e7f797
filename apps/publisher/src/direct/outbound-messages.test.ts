import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { ContactRecord } from './contacts.js';
import type { DirectSendCommand } from './outbound-messages.js';
import { buildInner } from './outbound-messages.js';

const key = () => bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey()));
const base = { correlationId: randomUUID(), actor: 'test', botKey: key(), peerKey: key() };
const none: ContactRecord = {
  state: 'NONE',
  view: { theyAddedUs: false, clock: 0 },
  localClock: 0,
  contactRequestId: null,
};
const at = (contact: ContactRecord) => ({
  clock: 1_700_000_000_100,
  nowMs: 1_700_000_000_000,
  displayName: 'Helper Bot',
  contact,
});
const chatOf = (payload: Uint8Array) => unwrap(decodeProto<status.ChatMessage>(status.ChatMessage, payload));

describe('buildInner', () => {
  it('restates a mutual contact in every text message, and nothing before', () => {
    const send = { ...base, type: 'direct.send', text: 'hi' } as DirectSendCommand;
    expect(chatOf(unwrap(buildInner(send, at(none))).payload).contactRequestPropagatedState).toBeNull();
    const mutual: ContactRecord = {
      ...none,
      state: 'MUTUAL',
      localClock: 5,
      view: { theyAddedUs: true, clock: 7 },
    };
    const state = chatOf(unwrap(buildInner(send, at(mutual))).payload).contactRequestPropagatedState;
    expect(Number(state?.localClock)).toBe(5);
    expect(Number(state?.remoteClock)).toBe(7);
  });

  it('accepts only a request it received, naming it; a contact request moves the contact to SENT', () => {
    const accept = { ...base, type: 'direct.contact-accept' } as DirectSendCommand;
    const refused = buildInner(accept, at(none));
    expect(refused.ok ? undefined : refused.error.code).toBe(ErrorCode.NOT_FOUND);
    const requestId = `0x${'ab'.repeat(32)}`;
    const built = unwrap(buildInner(accept, at({ ...none, state: 'RECEIVED', contactRequestId: requestId })));
    expect(built.type).toBe(status.ApplicationMetadataMessage.Type.ACCEPT_CONTACT_REQUEST);
    expect(
      unwrap(decodeProto<status.AcceptContactRequest>(status.AcceptContactRequest, built.payload)).id,
    ).toBe(requestId);
    const request = unwrap(
      buildInner({ ...base, type: 'direct.contact-request' } as DirectSendCommand, at(none)),
    );
    expect(request.kind).toBe('CONTACT_REQUEST');
    expect(request.contact?.(none, '0x01').state).toBe('SENT');
  });
});
