import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { SHARE_URL_BASE, decodeShareUrl, encodeCommunityUrl } from '@status-communities/protocol';
import { CommunityIdSchema } from '@status-communities/queue';

/** The CommunityRef input: exactly one way of naming a community. */
export interface CommunityRefInput {
  readonly id?: string | null;
  readonly chatKey?: string | null;
  readonly url?: string | null;
}

/** `0x02…`/`0x03…` id of a community named by id, `zQ3sh…` key or status.app community/channel URL. */
export const resolveCommunityRef = (ref: CommunityRefInput): Result<string> => {
  const given = [ref.id, ref.chatKey, ref.url].filter((value) => value != null);
  if (given.length !== 1)
    return fail(ErrorCode.BAD_USER_INPUT, 'Name the community by exactly one of id, chatKey or url');
  if (ref.id != null)
    return CommunityIdSchema.safeParse(ref.id).success
      ? ok(ref.id)
      : fail(ErrorCode.INVALID_KEY, 'id must be 0x followed by a compressed public key');
  const decoded = decodeShareUrl(ref.url ?? `${SHARE_URL_BASE}/c#${ref.chatKey}`);
  if (!decoded.ok) return decoded;
  if (decoded.value.kind === 'user')
    return fail(ErrorCode.INVALID_URL, 'The URL names a user, not a community');
  return ok(decoded.value.communityId);
};

// Encoding decompresses the key (elliptic-curve work); ids never change their URL, so each is made once.
const shareUrls = new Map<string, string | null>();
const MAX_REMEMBERED_URLS = 10_000;

/** The community's `https://status.app/c#zQ3sh…` share URL. */
export const communityShareUrl = (communityId: string): string | null => {
  const remembered = shareUrls.get(communityId);
  if (remembered !== undefined) return remembered;
  const url = encodeCommunityUrl({ communityKey: communityId });
  if (shareUrls.size >= MAX_REMEMBERED_URLS) shareUrls.clear();
  shareUrls.set(communityId, url.ok ? url.value : null);
  return url.ok ? url.value : null;
};

/** The community key in its `zQ3sh…` form, as the share URL carries it. */
export const communityChatKey = (communityId: string): string | null =>
  communityShareUrl(communityId)?.split('#')[1] ?? null;
