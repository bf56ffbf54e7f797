import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey, runCommand } from '../api/commands.js';
import { COMMUNITIES, COMMUNITIES_EVENTS, CREATE_COMMUNITY, WATCH_COMMUNITY } from '../api/documents.js';
import { Done, Problems } from '../components/Problems.js';
import { communityRefOf } from '../lib/community-ref.js';
import type { Connection, PagedList } from '../lib/connection.js';
import { appendPage, emptyList } from '../lib/connection.js';
import { routeHash } from '../lib/route.js';
import { useEventsFeed } from '../live.js';
import { useAction, useLoad } from '../session.js';

export interface CommunityRow {
  readonly id: string;
  readonly communityId: string;
  readonly chatKey: string;
  readonly kind: string;
  readonly access: string;
  readonly memberCount: number;
  readonly encrypted: boolean;
  readonly lastPublishedAt: string | null;
  readonly identity: { readonly name: string; readonly description: string; readonly color: string };
}

const PAGE_SIZE = 20;

interface Filter {
  readonly kind: string;
  readonly text: string;
}

/** Hosted and watched communities, filtered and paged (Relay cursors), with create and watch. */
export const Communities = () => {
  const [filter, setFilter] = useState<Filter>({ kind: '', text: '' });
  const [list, setList] = useState<PagedList<CommunityRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const filterInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.text ? { text: filter.text } : {}),
  };
  const page = useLoad(
    async (client) => {
      const { communities } = await client.request<{ communities: Connection<CommunityRow> }>(COMMUNITIES, {
        filter: filterInput,
        first: PAGE_SIZE,
        after,
      });
      setList((previous) =>
        appendPage(after === null ? emptyList() : previous, communities, (row) => row.id),
      );
      return communities;
    },
    [filter.kind, filter.text, after],
  );
  // A community created, published or first indexed meanwhile: the first page is read again (a person reading
  // further pages keeps them).
  const feed = useEventsFeed(COMMUNITIES_EVENTS, {}, 'communities');
  const { reload } = page;
  useEffect(() => feed.listen(() => after === null && reload()), [feed.listen, after, reload]);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setAfter(null);
    setFilter({ kind: String(form.get('kind') ?? ''), text: String(form.get('text') ?? '').trim() });
    // The same search again reads the list again: a community created meanwhile shows up.
    page.reload();
  };
  return (
    <section aria-labelledby="communities-title">
      <h1 id="communities-title">Communities</h1>
      <form className="toolbar" role="search" onSubmit={search}>
        <label>
          Search <input name="text" type="search" defaultValue={filter.text} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={filter.kind}>
            <option value="">all</option>
            <option value="HOSTED">hosted</option>
            <option value="WATCHED">watched</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <Problems problems={page.problems} />
      <ul className="cards" aria-busy={page.loading}>
        {list.nodes.map((community) => (
          <li key={community.id} className="card" data-community={community.communityId}>
            <span className="swatch" style={{ background: community.identity.color }} aria-hidden="true" />
            <a href={routeHash({ page: 'community', communityId: community.communityId, tab: 'overview' })}>
              {community.identity.name}
            </a>
            <span className="muted">
              {community.kind.toLowerCase()} · {community.access.toLowerCase().replace('_', ' ')} ·{' '}
              <span data-member-count>{community.memberCount}</span> members
              {community.lastPublishedAt === null && community.kind === 'HOSTED'
                ? ' · not published yet'
                : ''}
            </span>
            <p>{community.identity.description}</p>
          </li>
        ))}
      </ul>
      {!page.loading && list.nodes.length === 0 ? <p>No community matches.</p> : null}
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)} disabled={page.loading}>
          Load more
        </button>
      ) : null}
      <div className="columns">
        <CreateCommunity onCreated={() => (setAfter(null), page.reload())} />
        <WatchCommunity onWatched={() => (setAfter(null), page.reload())} />
      </div>
    </section>
  );
};

const CreateCommunity = ({ onCreated }: { onCreated(): void }) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void action
      .run(async (client) => {
        await runCommand(client, CREATE_COMMUNITY, {
          identity: {
            name: String(form.get('name')),
            description: String(form.get('description')),
            color: String(form.get('color')),
          },
          access: String(form.get('access')),
          idempotencyKey: idempotencyKey(),
        });
        return 'Creation queued: the community appears once the publisher has made its key.';
      })
      .then((ok) => {
        if (!ok) return;
        target.reset();
        onCreated();
      });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">Create a community</h2>
      <label>
        Name <input name="name" required maxLength={30} />
      </label>
      <label>
        Description <input name="description" required maxLength={140} />
      </label>
      <label>
        Color <input name="color" type="color" defaultValue="#4360df" />
      </label>
      <label>
        Joining
        <select name="access" defaultValue="MANUAL_ACCEPT">
          <option value="MANUAL_ACCEPT">requests approved by a moderator</option>
          <option value="AUTO_ACCEPT">anyone may join</option>
        </select>
      </label>
      <button type="submit" disabled={action.pending}>
        Create
      </button>
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};

const WatchCommunity = ({ onWatched }: { onWatched(): void }) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ref = communityRefOf(String(new FormData(event.currentTarget).get('ref') ?? ''));
    void action
      .run(async (client) => {
        await runCommand(client, WATCH_COMMUNITY, { community: ref, idempotencyKey: idempotencyKey() });
        return 'Watching: the indexer reads it from the network.';
      })
      .then((ok) => ok && onWatched());
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="watch-title">
      <h2 id="watch-title">Watch a public community</h2>
      <label>
        Id, chat key or status.app URL <input name="ref" required />
      </label>
      <button type="submit" disabled={action.pending}>
        Watch
      </button>
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};
