import { Prisma } from '@status-communities/db';
import type { DirectContactState } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import { apiError } from '../errors/api-error.js';
import type { PageArgs } from '../relay/connection.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import type { TenantBot } from './bot-conversations.js';
import { boundKeyRefusal, findTenantBot } from './bot-conversations.js';
import type { DirectMessageModel } from './direct-message-model.js';
import { normalisePeerKey } from './peer-key.js';

/** messages:read, a key not bound to a community, and one of its tenant's bots, or the GraphQL error. */
export const readableBot = async (context: ApiContext, botKey: string): Promise<TenantBot> => {
  requireScope(context.caller, 'MESSAGES_READ');
  const refusal = boundKeyRefusal(context);
  if (refusal) throw apiError(refusal.code, refusal.message);
  const bot = await findTenantBot(context, botKey);
  if (!bot) throw apiError(ErrorCode.NOT_FOUND, 'No bot identity of yours has this key', { botKey });
  return bot;
};

export const peerKeyArgument = (text: string): string => {
  const key = normalisePeerKey(text);
  if (!key.ok) throw apiError(ErrorCode.BAD_USER_INPUT, key.error.message, { field: 'peerKey' });
  return key.value;
};

/** One bot's messages with one peer, newest first (clock, then id), cursor pagination on the message id. */
export const directMessagePage = async (
  context: ApiContext,
  bot: TenantBot,
  peerKey: string,
  args: PageArgs,
) => {
  const page = pageQuery<string>(args);
  const rows = await context.services.prisma.directMessage.findMany({
    where: { identityId: bot.id, peerKey },
    orderBy: [{ clock: 'desc' }, { id: 'desc' }],
    take: page.take,
    skip: page.skip,
    ...(page.cursor === undefined ? {} : { cursor: { id: page.cursor } }),
  });
  return toConnection(
    rows.map((row): DirectMessageModel => ({ ...row, botKey: bot.publicKey })),
    page,
    (row) => row.id,
  );
};

export interface ConversationValue {
  readonly botKey: string;
  readonly peerKey: string;
  readonly contactState: DirectContactState;
  readonly theyAddedUs: boolean;
  readonly lastMessage: DirectMessageModel;
}

/** Clocks are stored as PostgreSQL bigint. */
const MAX_CLOCK = 2n ** 63n - 1n;

/** A conversation's place in the list: its newest message's clock and id (both descending). */
type ConversationCursor = readonly [clock: string, id: string];

const conversationCursor = (cursor: unknown): ConversationCursor | undefined => {
  if (cursor === undefined) return undefined;
  if (
    Array.isArray(cursor) &&
    cursor.length === 2 &&
    typeof cursor[0] === 'string' &&
    /^[0-9]{1,19}$/.test(cursor[0]) &&
    BigInt(cursor[0]) <= MAX_CLOCK &&
    typeof cursor[1] === 'string'
  )
    return [cursor[0], cursor[1]];
  throw apiError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor');
};

/**
 * A bot's conversations, the most recently active first: each peer's newest message (keyset pagination on its
 * clock and id), then those rows and the peers' contacts in two reads.
 */
export const conversationPage = async (context: ApiContext, bot: TenantBot, args: PageArgs) => {
  const page = pageQuery<unknown>(args);
  const cursor = conversationCursor(page.cursor);
  const { prisma } = context.services;
  const order = page.backward ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const past =
    cursor === undefined
      ? Prisma.empty
      : Prisma.sql`WHERE (clock, id) ${page.backward ? Prisma.sql`>` : Prisma.sql`<`} (${BigInt(cursor[0])}, ${cursor[1]})`;
  const newest = await prisma.$queryRaw<{ id: string; peerKey: string }[]>`
    SELECT id, peer_key AS "peerKey" FROM (
      SELECT DISTINCT ON (peer_key) id, peer_key, clock FROM direct_messages
      WHERE identity_id = ${bot.id}::uuid
      ORDER BY peer_key, clock DESC, id DESC
    ) AS newest
    ${past}
    ORDER BY clock ${order}, id ${order}
    LIMIT ${page.size + 1}`;
  // A backward page is read nearest first; toConnection takes it in list order, its extra row first.
  const listed = page.backward ? newest.reverse() : newest;
  const [messages, contacts] = await Promise.all([
    prisma.directMessage.findMany({ where: { id: { in: listed.map((row) => row.id) } } }),
    prisma.directContact.findMany({
      where: { identityId: bot.id, peerKey: { in: listed.map((row) => row.peerKey) } },
    }),
  ]);
  const messageById = new Map(messages.map((message) => [message.id, message]));
  const contactByPeer = new Map(contacts.map((contact) => [contact.peerKey, contact]));
  const conversations = listed.flatMap(({ id, peerKey }): ConversationValue[] => {
    const message = messageById.get(id);
    if (!message) return [];
    const contact = contactByPeer.get(peerKey);
    return [
      {
        botKey: bot.publicKey,
        peerKey,
        contactState: contact?.state ?? 'NONE',
        theyAddedUs: contact?.theyAddedUs ?? false,
        lastMessage: { ...message, botKey: bot.publicKey },
      },
    ];
  });
  return toConnection(conversations, page, (conversation): ConversationCursor => [
    conversation.lastMessage.clock.toString(),
    conversation.lastMessage.id,
  ]);
};
