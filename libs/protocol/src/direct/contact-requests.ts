import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status, uint64ToBigInt } from '@status-communities/proto';
import { checkChatMessageText } from '../messages/chat-message-rules.js';
import { memberIdFromPublicKey } from '../topics/chat-ids.js';
import { clockFromWire } from '../topics/clock.js';

// 1:1 chat messages and contact requests as the Status app sends and reads them.
// SG protocol/contact.go (ContactRequestState, ContactRequestPropagatedStateReceived, ContactRequestAccepted,
// ContactRequestRetracted), messenger_contacts.go (generateContactRequest, acceptContactRequest),
// messenger_messages.go addContactRequestPropagatedState, message_builder.go. one-to-one.md §3.2, §3.4.

/** SG contact.go ContactRequestState. */
export const ContactRequestState = {
  NONE: 0,
  MUTUAL: 1,
  SENT: 2,
  RECEIVED: 3,
  DISMISSED: 4,
} as const;

/** What the app sends when the user writes nothing (SG messenger_contacts.go). */
export const DEFAULT_CONTACT_REQUEST_TEXT = 'Please add me to your contacts';

const MESSAGE_ID_PATTERN = /^0x[0-9a-f]{64}$/;

export interface OneToOneMessageInput {
  /** The peer's identity key (33/65 bytes): chat_id is its `0x04…` form. */
  readonly recipientKey: Uint8Array;
  readonly text: string;
  /** Lamport clock in ms: max(last clock + 1, now). */
  readonly clock: number;
  readonly timestampMs: number;
  /** Message id (`0x…`) this one answers. */
  readonly responseTo?: string;
  readonly displayName?: string;
  /** Our contact-request view, sent with every 1:1 message. */
  readonly propagatedState?: status.ContactRequestPropagatedState.$Properties;
}

const buildChatMessage = (
  input: OneToOneMessageInput,
  contentType: status.ChatMessage.ContentType,
): Result<status.ChatMessage.$Properties> => {
  const text = checkChatMessageText(input.text);
  if (!text.ok) return text;
  if (input.responseTo !== undefined && !MESSAGE_ID_PATTERN.test(input.responseTo))
    return fail(ErrorCode.BAD_USER_INPUT, 'response_to must be a message id (0x + 64 lowercase hex digits)');
  const chatId = memberIdFromPublicKey(input.recipientKey);
  if (!chatId.ok) return chatId;
  return ok({
    clock: input.clock,
    timestamp: input.timestampMs,
    text: input.text,
    responseTo: input.responseTo ?? '',
    chatId: chatId.value,
    messageType: status.MessageType.ONE_TO_ONE,
    contentType,
    displayName: input.displayName ?? '',
    ...(input.propagatedState ? { contactRequestPropagatedState: input.propagatedState } : {}),
  });
};

/** A TEXT_PLAIN 1:1 ChatMessage (AMM type CHAT_MESSAGE). Blank or over-long text is INVALID_CHAT_MESSAGE. */
export const buildOneToOneChatMessage = (
  input: OneToOneMessageInput,
): Result<status.ChatMessage.$Properties> =>
  buildChatMessage(input, status.ChatMessage.ContentType.TEXT_PLAIN);

/**
 * A contact request: a 1:1 ChatMessage with content_type CONTACT_REQUEST, non-empty text, and our state
 * "sent" at this clock (SG generateContactRequest).
 */
export const buildContactRequest = (
  input: Omit<OneToOneMessageInput, 'propagatedState'> & { readonly theirLastClock?: number },
): Result<status.ChatMessage.$Properties> =>
  buildChatMessage(
    {
      ...input,
      propagatedState: {
        localClock: input.clock,
        localState: ContactRequestState.SENT,
        remoteClock: input.theirLastClock ?? 0,
        remoteState: input.theirLastClock ? ContactRequestState.RECEIVED : ContactRequestState.NONE,
      },
    },
    status.ChatMessage.ContentType.CONTACT_REQUEST,
  );

/**
 * Our state once mutual, sent in every later 1:1 message: we added them at `ourClock` (local SENT) and
 * saw their request at `theirClock` (remote RECEIVED). Echoing their clock keeps the app from
 * re-sending its state.
 */
export const mutualContactState = (
  ourClock: number,
  theirClock: number,
): status.ContactRequestPropagatedState.$Properties => ({
  localClock: ourClock,
  localState: ContactRequestState.SENT,
  remoteClock: theirClock,
  remoteState: ContactRequestState.RECEIVED,
});

/** AcceptContactRequest (AMM type 46) for the request with message id `contactRequestId`. */
export const buildAcceptContactRequest = (
  contactRequestId: string,
  clock: number,
): Result<status.AcceptContactRequest.$Properties> =>
  MESSAGE_ID_PATTERN.test(contactRequestId)
    ? ok({ id: contactRequestId, clock })
    : fail(ErrorCode.BAD_USER_INPUT, 'contact request id must be 0x + 64 lowercase hex digits');

/** What we know of the peer's side: whether they added us, as of which of their clocks. */
export interface PeerContactView {
  readonly theyAddedUs: boolean;
  readonly clock: number;
}

export const INITIAL_PEER_CONTACT_VIEW: PeerContactView = { theyAddedUs: false, clock: 0 };

export type PeerContactChange = 'added-us' | 'removed-us' | null;

export interface PeerContactUpdate {
  readonly view: PeerContactView;
  readonly change: PeerContactChange;
}

const moveTo = (view: PeerContactView, theyAddedUs: boolean, clock: number): PeerContactUpdate => {
  if (clock <= view.clock) return { view, change: null };
  const change = theyAddedUs === view.theyAddedUs ? null : theyAddedUs ? 'added-us' : 'removed-us';
  return { view: { theyAddedUs, clock }, change };
};

/**
 * The peer's propagated state (their view: local = what they did) moves ours only when their clock is
 * newer: local SENT means they added us, NONE that they removed us (SG ContactRequestPropagatedStateReceived).
 * A clock past 2^53 is INVALID_CLOCK.
 */
export const applyPropagatedState = (
  view: PeerContactView,
  state: status.ContactRequestPropagatedState.$Properties | null | undefined,
): Result<PeerContactUpdate> => {
  if (!state) return ok({ view, change: null });
  const clock = clockFromWire(state.localClock);
  if (!clock.ok) return clock;
  const localState = Number(uint64ToBigInt(state.localState));
  if (localState === ContactRequestState.SENT) return ok(moveTo(view, true, clock.value));
  if (localState === ContactRequestState.NONE) return ok(moveTo(view, false, clock.value));
  return ok({ view, change: null });
};

/** AcceptContactRequest (46) or RetractContactRequest (47) from the peer, newer clocks only. */
export const applyContactAnswer = (
  view: PeerContactView,
  answer: { readonly accepted: boolean; readonly clock: status.AcceptContactRequest.$Properties['clock'] },
): Result<PeerContactUpdate> => {
  const clock = clockFromWire(answer.clock);
  if (!clock.ok) return clock;
  return ok(moveTo(view, answer.accepted, clock.value));
};

/** True for a ChatMessage that is a contact request. */
export const isContactRequest = (message: status.ChatMessage.$Properties): boolean =>
  message.contentType === status.ChatMessage.ContentType.CONTACT_REQUEST;
