/** The console's pages, addressed by the URL's hash so that the static server needs no routes of its own. */
export type Route =
  | { readonly page: 'communities' }
  | { readonly page: 'community'; readonly communityId: string; readonly tab: CommunityTab }
  | { readonly page: 'keys' }
  | { readonly page: 'bots' }
  | { readonly page: 'webhooks' };

export const COMMUNITY_TABS = ['overview', 'members', 'bans', 'channels', 'stats', 'audit'] as const;
export type CommunityTab = (typeof COMMUNITY_TABS)[number];

const isTab = (text: string | undefined): text is CommunityTab =>
  (COMMUNITY_TABS as readonly string[]).includes(text ?? '');

/** `#/communities`, `#/c/0x02…/members`, `#/keys`, `#/bots`, `#/webhooks`; anything else is the communities list. */
export const parseRoute = (hash: string): Route => {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'keys' || parts[0] === 'bots' || parts[0] === 'webhooks') return { page: parts[0] };
  if (parts[0] === 'c' && parts[1] && /^0x[0-9a-fA-F]+$/.test(parts[1]))
    return { page: 'community', communityId: parts[1], tab: isTab(parts[2]) ? parts[2] : 'overview' };
  return { page: 'communities' };
};

export const routeHash = (route: Route): string => {
  switch (route.page) {
    case 'communities':
      return '#/communities';
    case 'keys':
    case 'bots':
    case 'webhooks':
      return `#/${route.page}`;
    case 'community':
      return `#/c/${route.communityId}/${route.tab}`;
  }
};
