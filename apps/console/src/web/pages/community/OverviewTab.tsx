import { Key, Time } from '../../components/Key.js';
import { QrCode } from '../../components/QrCode.js';
import { useLive } from '../../live.js';
import type { CommunityDetail } from './community-detail.js';

/** Who the community is, how to share it, and the live events as they come. */
export const OverviewTab = ({ community }: { community: CommunityDetail }) => {
  const live = useLive();
  return (
    <div className="columns">
      <section aria-labelledby="identity-title" className="panel">
        <h2 id="identity-title">Identity</h2>
        <dl className="facts">
          <dt>Description</dt>
          <dd>{community.identity.description}</dd>
          <dt>Community id</dt>
          <dd>
            <Key value={community.communityId} />
          </dd>
          <dt>Chat key</dt>
          <dd>
            <Key value={community.chatKey} />
          </dd>
          <dt>Kind</dt>
          <dd>{community.kind.toLowerCase()}</dd>
          <dt>Joining</dt>
          <dd>{community.access.toLowerCase().replace('_', ' ')}</dd>
          <dt>Members</dt>
          <dd data-member-count>{community.memberCount}</dd>
          <dt>Encrypted</dt>
          <dd>{community.encrypted ? 'yes (members only)' : 'no'}</dd>
          <dt>Tags</dt>
          <dd>{community.identity.tags.join(', ') || '—'}</dd>
          <dt>Created</dt>
          <dd>
            <Time value={community.createdAt} />
          </dd>
          <dt>Last published</dt>
          <dd>
            <Time value={community.lastPublishedAt} />
          </dd>
          <dt>Share URL</dt>
          <dd>
            <a href={community.shareUrl} data-share-url>
              {community.shareUrl}
            </a>
            <QrCode
              text={community.shareUrl}
              label={`QR code of the share URL of ${community.identity.name}`}
            />
          </dd>
        </dl>
      </section>
      <section aria-labelledby="events-title" className="panel">
        <h2 id="events-title">Live events</h2>
        {live.recent.length === 0 ? <p>None since this page opened.</p> : null}
        <ol className="events" aria-live="polite">
          {live.recent.map((event) => (
            <li key={event.eventId} data-event-type={event.type}>
              <code>{event.type}</code> <Time value={event.occurredAt} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
};
