// What a peer's 1:1 application messages mean to the bot, read from the decrypted AMMs: pure. Chat messages
// (text, contact requests, community invitations), reactions, and the peer's contact answers; anything else
// is kept as OTHER. SG protocol/messenger_handler.go handleChatMessage, HandleAcceptContactRequest,
// HandleRetractContactRequest; one-to-one.md §3.
import type { DirectMessageKind } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { DirectApplicationMessage } from '@status-communities/protocol';
import { SHARE_URL_BASE, clockFromWire, isContactRequest } from '@status-communities/protocol';

const AppType = status.ApplicationMetadataMessage.Type;

/** How a message moves the peer's side of the contact. */
export type ContactSignal =
  | { readonly kind: 'request' }
  | { readonly kind: 'state'; readonly state: status.ContactRequestPropagatedState.$Properties }
  | { readonly kind: 'answer'; readonly accepted: boolean; readonly clock: number };

export interface InboundMessage {
  readonly id: string;
  readonly kind: DirectMessageKind;
  /** ChatMessage.content_type, 0 for what is no chat message. */
  readonly contentType: number;
  readonly text?: string;
  readonly replyTo?: string;
  readonly clock: number;
  readonly contact: readonly ContactSignal[];
}

const isInvite = (message: status.ChatMessage): boolean =>
  (message.unfurledStatusLinks?.unfurledStatusLinks ?? []).some((link) => link.community) ||
  message.text.includes(`${SHARE_URL_BASE}/c/`);

const chatMessage = (amm: DirectApplicationMessage): Result<InboundMessage> => {
  const decoded = decodeProto<status.ChatMessage>(status.ChatMessage, amm.payload);
  if (!decoded.ok) return decoded;
  const message = decoded.value;
  const clock = clockFromWire(message.clock);
  if (!clock.ok) return clock;
  const request = isContactRequest(message);
  const kind: DirectMessageKind = request
    ? 'CONTACT_REQUEST'
    : message.contentType === status.ChatMessage.ContentType.TEXT_PLAIN
      ? isInvite(message)
        ? 'COMMUNITY_INVITE'
        : 'TEXT'
      : 'OTHER';
  const contact: ContactSignal[] = [];
  if (message.contactRequestPropagatedState)
    contact.push({ kind: 'state', state: message.contactRequestPropagatedState });
  if (request) contact.push({ kind: 'request' });
  return ok({
    id: amm.messageId,
    kind,
    contentType: message.contentType,
    text: message.text,
    ...(message.responseTo && { replyTo: message.responseTo }),
    clock: clock.value,
    contact,
  });
};

const contactAnswer = (amm: DirectApplicationMessage, accepted: boolean): Result<InboundMessage> => {
  const type = accepted ? status.AcceptContactRequest : status.RetractContactRequest;
  const decoded = decodeProto<{ clock: status.AcceptContactRequest['clock'] }>(type, amm.payload);
  if (!decoded.ok) return decoded;
  const clock = clockFromWire(decoded.value.clock);
  if (!clock.ok) return clock;
  return ok({
    id: amm.messageId,
    kind: accepted ? 'CONTACT_ACCEPTED' : 'OTHER',
    contentType: 0,
    clock: clock.value,
    contact: [{ kind: 'answer', accepted, clock: clock.value }],
  });
};

const reaction = (amm: DirectApplicationMessage): Result<InboundMessage> => {
  const decoded = decodeProto<status.EmojiReaction>(status.EmojiReaction, amm.payload);
  if (!decoded.ok) return decoded;
  const clock = clockFromWire(decoded.value.clock);
  if (!clock.ok) return clock;
  return ok({
    id: amm.messageId,
    kind: 'REACTION',
    contentType: 0,
    text: status.EmojiReaction.Type[decoded.value.type] ?? 'UNKNOWN_EMOJI_REACTION_TYPE',
    replyTo: decoded.value.messageId,
    clock: clock.value,
    contact: [],
  });
};

/** The message an AMM is; MALFORMED_PROTOBUF or INVALID_CLOCK when its payload is not what its type says. */
export const readInboundMessage = (amm: DirectApplicationMessage): Result<InboundMessage> => {
  switch (amm.type) {
    case AppType.CHAT_MESSAGE:
      return chatMessage(amm);
    case AppType.ACCEPT_CONTACT_REQUEST:
      return contactAnswer(amm, true);
    case AppType.RETRACT_CONTACT_REQUEST:
      return contactAnswer(amm, false);
    case AppType.EMOJI_REACTION:
      return reaction(amm);
    default:
      return ok({ id: amm.messageId, kind: 'OTHER', contentType: 0, clock: 0, contact: [] });
  }
};
