import type { FeedEvent } from '../api/live-feed.js';
import type { PagedList } from './connection.js';

export interface MemberRow {
  readonly memberKey: string;
  /** Known when read from the API; a member the live feed brings has none yet. */
  readonly displayName?: string | null;
  readonly roles: readonly string[];
  readonly state: string;
  readonly joinedAt: string | null;
}

export interface RequestRow {
  readonly requestId: string;
  readonly requesterKey: string;
  readonly displayName: string | null;
  readonly receivedAt: string;
}

export interface MessageRow {
  readonly messageId: string;
  readonly authorKey: string;
  readonly text: string;
  readonly timestamp: string;
  readonly edited: boolean;
  readonly deleted: boolean;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const withNodes = <N>(list: PagedList<N>, nodes: readonly N[], countDelta = 0): PagedList<N> => ({
  ...list,
  nodes,
  ...(list.totalCount !== undefined ? { totalCount: Math.max(0, list.totalCount + countDelta) } : {}),
});

const MEMBER_GONE = new Set(['MEMBER_LEFT', 'MEMBER_KICKED', 'MEMBER_BANNED', 'MEMBER_REMOVED']);

/** The active members after a live event: joiners first, leavers out, roles as the event says. */
export const applyMemberEvent = (list: PagedList<MemberRow>, event: FeedEvent): PagedList<MemberRow> => {
  const memberKey = str(event['memberKey']);
  if (!memberKey) return list;
  const present = list.nodes.some((member) => member.memberKey === memberKey);
  if (event.type === 'MEMBER_JOINED') {
    if (present) return list;
    const joined: MemberRow = { memberKey, roles: [], state: 'ACTIVE', joinedAt: event.occurredAt };
    return withNodes(list, [joined, ...list.nodes], 1);
  }
  if (MEMBER_GONE.has(event.type)) {
    if (!present) return list;
    return withNodes(
      list,
      list.nodes.filter((member) => member.memberKey !== memberKey),
      -1,
    );
  }
  if (event.type === 'MEMBER_ROLES_CHANGED' && Array.isArray(event['roles']))
    return withNodes(
      list,
      list.nodes.map((member) =>
        member.memberKey === memberKey ? { ...member, roles: event['roles'] as string[] } : member,
      ),
    );
  return list;
};

/** The pending requests after a live event: a new one on top, a decided or canceled one gone. */
export const applyRequestEvent = (list: PagedList<RequestRow>, event: FeedEvent): PagedList<RequestRow> => {
  const requestId = str(event['requestId']);
  if (!requestId) return list;
  if (event.type === 'REQUEST_RECEIVED') {
    if (list.nodes.some((request) => request.requestId === requestId)) return list;
    const received: RequestRow = {
      requestId,
      requesterKey: str(event['requesterKey']),
      displayName: null,
      receivedAt: event.occurredAt,
    };
    return withNodes(list, [received, ...list.nodes], 1);
  }
  if (event.type === 'REQUEST_DECIDED' || event.type === 'REQUEST_CANCELED')
    return withNodes(
      list,
      list.nodes.filter((request) => request.requestId !== requestId),
      -1,
    );
  return list;
};

/** A channel's messages (newest first) after a live event of that channel (its uuid). */
export const applyMessageEvent = (
  list: PagedList<MessageRow>,
  channelUuid: string,
  event: FeedEvent,
): PagedList<MessageRow> => {
  if (str(event['channelId']) !== channelUuid) return list;
  const messageId = str(event['messageId']);
  const update = (change: (message: MessageRow) => MessageRow) =>
    withNodes(
      list,
      list.nodes.map((message) => (message.messageId === messageId ? change(message) : message)),
    );
  switch (event.type) {
    case 'MESSAGE_ADDED': {
      if (list.nodes.some((message) => message.messageId === messageId)) return list;
      const added: MessageRow = {
        messageId,
        authorKey: str(event['authorKey']),
        text: typeof event['text'] === 'string' ? event['text'] : '(not text, or encrypted)',
        timestamp: event.occurredAt,
        edited: false,
        deleted: false,
      };
      return withNodes(list, [added, ...list.nodes]);
    }
    case 'MESSAGE_EDITED':
      return update((message) => ({ ...message, text: str(event['text']), edited: true }));
    case 'MESSAGE_DELETED':
      return update((message) => ({ ...message, text: '', deleted: true }));
    default:
      return list;
  }
};
