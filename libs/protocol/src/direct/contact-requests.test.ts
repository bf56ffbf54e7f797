import { describe, expect, it } from '@jest/globals';
import { publicKeyFromPrivateKey, utf8ToBytes } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, decodeProto, encodeProto, status, uint64ToNumber } from '@status-communities/proto';
import { messageIdOf } from '../messages/amm.js';
import { validateOneToOneChatMessage } from '../messages/chat-message-rules.js';
import {
  ContactRequestState,
  DEFAULT_CONTACT_REQUEST_TEXT,
  INITIAL_PEER_CONTACT_VIEW,
  applyContactAnswer,
  applyPropagatedState,
  buildAcceptContactRequest,
  buildContactRequest,
  buildOneToOneChatMessage,
  isContactRequest,
  mutualContactState,
} from './contact-requests.js';
import { alicePrivateKey, bobPrivateKey } from './testing/fixtures.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);
const overTheWire = (message: status.ChatMessage.$Properties): status.ChatMessage =>
  unwrap(
    decodeProto<status.ChatMessage>(
      status.ChatMessage,
      encodeProto(status.ChatMessage, status.ChatMessage.create(message)),
    ),
  );

const alice = publicKeyFromPrivateKey(alicePrivateKey);
const bob = publicKeyFromPrivateKey(bobPrivateKey, { compressed: true });
const now = 1_765_000_000_000;
const requestId = '0x799207db30d3a3d93de8b396e0a70d5fa5300cc78d64c2b61e7329d921c7a81c';

describe('1:1 chat messages and contact requests', () => {
  it('app message id keccak(alice uncompressed ‖ "hello") is the reference vector', () => {
    expect(messageIdOf(alice, utf8ToBytes('hello'))).toBe(requestId);
  });

  it('a contact request is ONE_TO_ONE / CONTACT_REQUEST to the 0x04 chat id, state SENT, and passes the 1:1 rules', () => {
    const request = overTheWire(
      unwrap(
        buildContactRequest({
          recipientKey: bob,
          text: DEFAULT_CONTACT_REQUEST_TEXT,
          clock: now,
          timestampMs: now,
        }),
      ),
    );
    expect(request.chatId).toMatch(/^0x04[0-9a-f]{128}$/);
    expect(request.messageType).toBe(status.MessageType.ONE_TO_ONE);
    expect(isContactRequest(request)).toBe(true);
    const state = request.contactRequestPropagatedState!;
    expect([uint64ToNumber(state.localClock), uint64ToNumber(state.localState)]).toEqual([
      now,
      ContactRequestState.SENT,
    ]);
    expect(validateOneToOneChatMessage(request, { wakuTimestampMs: now }).ok).toBe(true);
  });

  it('a text reply carries response_to and the mutual state; the 1:1 rules accept it', () => {
    const reply = overTheWire(
      unwrap(
        buildOneToOneChatMessage({
          recipientKey: alice,
          text: 'hi, I am a bot',
          clock: now + 1,
          timestampMs: now,
          responseTo: requestId,
          propagatedState: mutualContactState(now, now - 5),
        }),
      ),
    );
    expect(reply.contentType).toBe(status.ChatMessage.ContentType.TEXT_PLAIN);
    expect(reply.responseTo).toBe(requestId);
    expect(isContactRequest(reply)).toBe(false);
    expect(validateOneToOneChatMessage(reply, { wakuTimestampMs: now }).ok).toBe(true);
  });

  it('blank text, a bad response_to or a bad key are refused', () => {
    const base = { recipientKey: bob, clock: now, timestampMs: now };
    expect(codeOf(buildContactRequest({ ...base, text: '  ' }))).toBe(ErrorCode.INVALID_CHAT_MESSAGE);
    expect(codeOf(buildOneToOneChatMessage({ ...base, text: 'x', responseTo: '0x12' }))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
    expect(codeOf(buildOneToOneChatMessage({ ...base, text: 'x', recipientKey: new Uint8Array(33) }))).toBe(
      ErrorCode.INVALID_KEY,
    );
  });

  it('the 1:1 rules refuse a community message type, a clock too far ahead and an empty chat id', () => {
    const good = unwrap(
      buildOneToOneChatMessage({ recipientKey: bob, text: 'x', clock: now, timestampMs: now }),
    );
    const reason = (message: status.ChatMessage.$Properties): unknown => {
      const result = validateOneToOneChatMessage(overTheWire(message), { wakuTimestampMs: now });
      return result.ok ? undefined : result.error.details?.['reason'];
    };
    expect(reason({ ...good, messageType: status.MessageType.COMMUNITY_CHAT })).toBe('message-type');
    expect(reason({ ...good, clock: now + 120_001 })).toBe('clock-too-high');
    expect(reason({ ...good, chatId: '' })).toBe('chat-id-empty');
  });

  it('AcceptContactRequest names the request by message id', () => {
    expect(unwrap(buildAcceptContactRequest(requestId, now))).toEqual({ id: requestId, clock: now });
    expect(codeOf(buildAcceptContactRequest('nope', now))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('the peer side of a contact (ContactRequestPropagatedStateReceived / Accepted / Retracted)', () => {
  it('their SENT adds us, NONE with a newer clock removes us, older clocks change nothing', () => {
    const added = unwrap(
      applyPropagatedState(INITIAL_PEER_CONTACT_VIEW, {
        localClock: 10,
        localState: ContactRequestState.SENT,
      }),
    );
    expect(added).toEqual({ view: { theyAddedUs: true, clock: 10 }, change: 'added-us' });
    expect(
      unwrap(applyPropagatedState(added.view, { localClock: 11, localState: ContactRequestState.SENT }))
        .change,
    ).toBeNull();
    expect(
      unwrap(applyPropagatedState(added.view, { localClock: 9, localState: ContactRequestState.NONE })),
    ).toEqual({
      view: added.view,
      change: null,
    });
    const removed = unwrap(
      applyPropagatedState(added.view, { localClock: 12, localState: ContactRequestState.NONE }),
    );
    expect(removed).toEqual({ view: { theyAddedUs: false, clock: 12 }, change: 'removed-us' });
    expect(unwrap(applyPropagatedState(removed.view, undefined)).change).toBeNull();
  });

  it('accept and retract answers follow the same clock rule; a clock past 2^53 is INVALID_CLOCK', () => {
    const accepted = unwrap(applyContactAnswer(INITIAL_PEER_CONTACT_VIEW, { accepted: true, clock: 5 }));
    expect(accepted.change).toBe('added-us');
    expect(unwrap(applyContactAnswer(accepted.view, { accepted: false, clock: 4 })).change).toBeNull();
    expect(unwrap(applyContactAnswer(accepted.view, { accepted: false, clock: 6 })).change).toBe(
      'removed-us',
    );
    expect(
      codeOf(applyContactAnswer(accepted.view, { accepted: true, clock: bigIntToUint64(2n ** 60n) })),
    ).toBe(ErrorCode.INVALID_CLOCK);
  });
});
