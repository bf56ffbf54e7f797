import { COMMUNITY } from '../api/documents.js';
import { Key } from '../components/Key.js';
import { Loading } from '../components/Loading.js';
import { Problems } from '../components/Problems.js';
import type { CommunityTab } from '../lib/route.js';
import { COMMUNITY_TABS, routeHash } from '../lib/route.js';
import { LiveContext, useCommunityFeed } from '../live.js';
import { useLoad } from '../session.js';
import { AuditTab } from './community/AuditTab.js';
import { BansTab } from './community/BansTab.js';
import { ChannelsTab } from './community/ChannelsTab.js';
import type { CommunityDetail } from './community/community-detail.js';
import { MembersTab } from './community/MembersTab.js';
import { OverviewTab } from './community/OverviewTab.js';
import { StatsTab } from './community/StatsTab.js';

const TAB_NAMES: Readonly<Record<CommunityTab, string>> = {
  overview: 'Overview',
  members: 'Members & requests',
  bans: 'Bans',
  channels: 'Channels & messages',
  stats: 'Analytics',
  audit: 'Audit log',
};

const STATE_TEXT = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  stopped: 'stopped',
};

/** One community: its header, the tabs, and the live feed every tab updates from. */
export const Community = ({ communityId, tab }: { communityId: string; tab: CommunityTab }) => {
  const feed = useCommunityFeed(communityId);
  const loaded = useLoad(
    async (client) =>
      (await client.request<{ community: CommunityDetail | null }>(COMMUNITY, { id: communityId })).community,
    [communityId],
  );
  const community = loaded.data;
  return (
    <LiveContext.Provider value={feed}>
      <section aria-labelledby="community-title">
        <header className="community-header">
          <h1 id="community-title">
            {community ? (
              <>
                <span
                  className="swatch"
                  style={{ background: community.identity.color }}
                  aria-hidden="true"
                />
                {community.identity.name}
              </>
            ) : (
              <Key value={communityId} />
            )}
          </h1>
          <p className="live" data-live-state={feed.state} role="status">
            Live updates: {STATE_TEXT[feed.state]}
          </p>
        </header>
        <Problems problems={loaded.problems} />
        <Problems problems={feed.state === 'live' ? undefined : feed.problems} />
        {loaded.data === null ? <p>This key sees no community with that id.</p> : null}
        <nav aria-label="Community sections" className="tabs">
          {COMMUNITY_TABS.map((name) => (
            <a
              key={name}
              href={routeHash({ page: 'community', communityId, tab: name })}
              aria-current={name === tab ? 'page' : undefined}
            >
              {TAB_NAMES[name]}
            </a>
          ))}
        </nav>
        {loaded.data === null ? null : (
          <TabPanel
            tab={tab}
            communityId={communityId}
            community={community ?? undefined}
            reload={loaded.reload}
          />
        )}
      </section>
    </LiveContext.Provider>
  );
};

/**
 * The chosen tab. Tabs that need only the community's id send their own queries at once, beside the
 * community's; the others wait for it (`community` is undefined until it is read).
 */
const TabPanel = ({
  tab,
  communityId,
  community,
  reload,
}: {
  tab: CommunityTab;
  communityId: string;
  community: CommunityDetail | undefined;
  reload(): void;
}) => {
  switch (tab) {
    case 'overview':
      return community ? <OverviewTab community={community} /> : <Loading what="the community" />;
    case 'members':
      return <MembersTab communityId={communityId} />;
    case 'bans':
      return <BansTab communityId={communityId} />;
    case 'channels':
      return community ? (
        <ChannelsTab community={community} reload={reload} />
      ) : (
        <Loading what="the channels" />
      );
    case 'stats':
      return <StatsTab communityId={communityId} channels={community?.channels} />;
    case 'audit':
      return <AuditTab communityId={communityId} />;
  }
};
