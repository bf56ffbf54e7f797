import { status } from '@status-communities/proto';
import { channelChatId } from '../topics/index.js';
import { channelHasTokenPermissions } from './token-permissions.js';

type Description = status.CommunityDescription.$Properties;
type Chat = status.CommunityChat.$Properties;

// Rebuilds `chats` with fromEntries, which defines own properties, so a key like "__proto__" stays a key.
const mapChats = (
  description: Description,
  update: (uuid: string, chat: Chat) => Chat,
): status.CommunityDescription =>
  status.CommunityDescription.create({
    ...description,
    chats: Object.fromEntries(
      Object.entries(description.chats ?? {}).map(([uuid, chat]) => [uuid, update(uuid, chat)]),
    ),
  });

/**
 * True when a token permission names the channel, so its member list travels on the wire. status-go
 * builds the chat ID from the description's own ID field here, even when that is empty.
 * SG protocol/communities/community.go hydrateChannelsMembers → channelHasPermissions(ChatID(description.ID, …)).
 */
export const isChannelGatedByTokens = (description: Description, uuid: string): boolean =>
  channelHasTokenPermissions(channelChatId(description.ID ?? '', uuid), description.tokenPermissions);

/**
 * Receiver side: a channel without token permissions arrives with an empty member map and means "every
 * community member". Returns a copy in which those channels share the description's own `members` object
 * (treat it as read-only); the input is not modified.
 * SG protocol/communities/community.go hydrateChannelsMembers (called from manager.go preprocessDescription).
 */
export const hydrateChannelMembers = (description: Description): status.CommunityDescription => {
  const members = description.members ?? {};
  return mapChats(description, (uuid, chat) =>
    isChannelGatedByTokens(description, uuid) ? chat : status.CommunityChat.create({ ...chat, members }),
  );
};

/**
 * Sender side: empties the member map of channels without token permissions to keep descriptions under
 * the Waku size limit. Returns a copy. SG protocol/communities/community.go dehydrateChannelsMembers.
 */
export const dehydrateChannelMembers = (description: Description): status.CommunityDescription =>
  mapChats(description, (uuid, chat) =>
    isChannelGatedByTokens(description, uuid) ? chat : status.CommunityChat.create({ ...chat, members: {} }),
  );
