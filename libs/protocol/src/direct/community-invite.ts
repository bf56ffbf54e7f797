import { compressPublicKey } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import { shardToProto } from '../topics/shards.js';
import type { ShardRef } from '../topics/shards.js';
import { encodeCommunityUrl } from '../topics/share-urls.js';
import type { CommunityUrlData } from '../topics/share-urls.js';
import { buildOneToOneChatMessage } from './contact-requests.js';
import type { OneToOneMessageInput } from './contact-requests.js';

// A community invitation in a 1:1 chat as today's app sends it: a TEXT_PLAIN message whose text is the
// share URL (after an optional note), with the community's shard and the unfurled link data so the app
// shows the card without fetching anything. SG messenger_communities.go ShareCommunity,
// common/message_linkpreview.go ConvertStatusLinkPreviewsToProto. one-to-one.md §3.5.

export interface CommunityInviteInput extends Omit<OneToOneMessageInput, 'text'> {
  /** The community key (33/65 bytes). */
  readonly communityKey: Uint8Array;
  readonly community: CommunityUrlData;
  readonly shard: ShardRef | null;
  /** Text before the URL, on its own line. */
  readonly note?: string;
  readonly icon?: status.UnfurledLinkThumbnail.$Properties;
  readonly banner?: status.UnfurledLinkThumbnail.$Properties;
}

/** The invitation ChatMessage; a bad key or URL data fails as the share-URL encoder does. */
export const buildCommunityInviteMessage = (
  input: CommunityInviteInput,
): Result<status.ChatMessage.$Properties> => {
  const communityId = compressPublicKey(input.communityKey);
  if (!communityId.ok) return communityId;
  const url = encodeCommunityUrl({
    communityKey: communityId.value,
    data: input.community,
    shard: input.shard,
  });
  if (!url.ok) return url;
  const message = buildOneToOneChatMessage({
    ...input,
    text: input.note ? `${input.note}\n${url.value}` : url.value,
  });
  if (!message.ok) return message;
  return ok({
    ...message.value,
    ...(input.shard ? { shard: shardToProto(input.shard) } : {}),
    unfurledStatusLinks: {
      unfurledStatusLinks: [
        {
          url: url.value,
          community: {
            communityId: communityId.value,
            displayName: input.community.displayName,
            description: input.community.description,
            membersCount: input.community.membersCount,
            color: input.community.color,
            ...(input.icon ? { icon: input.icon } : {}),
            ...(input.banner ? { banner: input.banner } : {}),
          },
        },
      ],
    },
  });
};
