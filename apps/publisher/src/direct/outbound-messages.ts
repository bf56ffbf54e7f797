// What a bot's 1:1 command says, as the inner message the Status app sends for it at a given clock: pure.
// Text (restating a mutual contact, as the app does in every message), a contact request, the acceptance of
// the peer's request, a community invitation; with the row kind and what it does to the contact.
// SG protocol/messenger_messages.go, messenger_contacts.go, messenger_communities.go ShareCommunity.
import { hexToBytesOrThrow } from '@status-communities/crypto';
import type { DirectMessageKind } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import type { CommunityInviteInput } from '@status-communities/protocol';
import {
  DEFAULT_CONTACT_REQUEST_TEXT,
  buildAcceptContactRequest,
  buildCommunityInviteMessage,
  buildContactRequest,
  buildOneToOneChatMessage,
  mutualContactState,
} from '@status-communities/protocol';
import type { DirectCommand } from '../bots/bot-message.js';
import type { ContactRecord } from './contacts.js';
import { ourStep } from './contacts.js';

export type DirectSendCommand = Exclude<DirectCommand, { type: 'direct.received' }>;

const AppType = status.ApplicationMetadataMessage.Type;
const TEXT_PLAIN = status.ChatMessage.ContentType.TEXT_PLAIN;

/** The inner message of a command at its clock, and what it does to the contact. */
export interface Built {
  readonly type: status.ApplicationMetadataMessage.Type;
  readonly payload: Uint8Array;
  readonly kind: DirectMessageKind;
  readonly contentType: number;
  readonly text: string | null;
  readonly replyTo: string | null;
  readonly contact?: (contact: ContactRecord, messageId: string) => ContactRecord;
}

export type Invite = Omit<
  CommunityInviteInput,
  'recipientKey' | 'clock' | 'timestampMs' | 'displayName' | 'note'
>;

const chat = (
  message: Result<status.ChatMessage.$Properties>,
  kind: Built['kind'],
  replyTo: string | undefined,
): Result<Built> =>
  message.ok
    ? ok({
        type: AppType.CHAT_MESSAGE,
        payload: encodeProto(status.ChatMessage, status.ChatMessage.create(message.value)),
        kind,
        contentType: message.value.contentType ?? TEXT_PLAIN,
        text: message.value.text ?? null,
        replyTo: replyTo ?? null,
      })
    : message;

export const buildInner = (
  command: DirectSendCommand,
  at: { clock: number; nowMs: number; displayName: string; contact: ContactRecord; invite?: Invite },
): Result<Built> => {
  const recipientKey = hexToBytesOrThrow(command.peerKey);
  const base = { recipientKey, clock: at.clock, timestampMs: at.nowMs, displayName: at.displayName };
  const { contact } = at;
  // Every later message restates a mutual contact, as the app does, so the peer never re-sends its state.
  const propagatedState =
    contact.state === 'MUTUAL' ? mutualContactState(contact.localClock, contact.view.clock) : undefined;
  switch (command.type) {
    case 'direct.send':
      return chat(
        buildOneToOneChatMessage({
          ...base,
          text: command.text,
          ...(command.replyTo && { responseTo: command.replyTo }),
          ...(propagatedState && { propagatedState }),
        }),
        'TEXT',
        command.replyTo,
      );
    case 'direct.contact-request': {
      const built = chat(
        buildContactRequest({
          ...base,
          text: command.text ?? DEFAULT_CONTACT_REQUEST_TEXT,
          ...(contact.view.theyAddedUs && { theirLastClock: contact.view.clock }),
        }),
        'CONTACT_REQUEST',
        undefined,
      );
      return built.ok
        ? ok({ ...built.value, contact: (c, id) => ourStep(c, 'we-requested', at.clock, id) })
        : built;
    }
    case 'direct.contact-accept': {
      if (!contact.contactRequestId || (contact.state !== 'RECEIVED' && contact.state !== 'MUTUAL'))
        return fail(ErrorCode.NOT_FOUND, 'no contact request from this peer to accept', {
          peerKey: command.peerKey,
        });
      const accept = buildAcceptContactRequest(contact.contactRequestId, at.clock);
      if (!accept.ok) return accept;
      return ok({
        type: AppType.ACCEPT_CONTACT_REQUEST,
        payload: encodeProto(status.AcceptContactRequest, status.AcceptContactRequest.create(accept.value)),
        kind: 'CONTACT_ACCEPTED',
        contentType: 0,
        text: null,
        replyTo: contact.contactRequestId,
        contact: (c) => ourStep(c, 'we-accepted', at.clock),
      });
    }
    case 'direct.invite':
      return chat(
        buildCommunityInviteMessage({
          ...base,
          ...at.invite!,
          ...(command.text && { note: command.text }),
        }),
        'COMMUNITY_INVITE',
        undefined,
      );
  }
};
