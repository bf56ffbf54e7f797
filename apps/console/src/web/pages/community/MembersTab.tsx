import { useEffect, useState } from 'react';
import { idempotencyKey, runCommand } from '../../api/commands.js';
import { BAN_MEMBER, KICK_MEMBER, MEMBERS } from '../../api/documents.js';
import { Key, Time } from '../../components/Key.js';
import { Done, Problems } from '../../components/Problems.js';
import { RowsTable } from '../../components/RowsTable.js';
import { useDebounced } from '../../debounce.js';
import type { Connection, PagedList } from '../../lib/connection.js';
import { appendPage, emptyList } from '../../lib/connection.js';
import type { MemberRow } from '../../lib/live-lists.js';
import type { MemberFilter, MemberRole } from '../../lib/member-filter.js';
import {
  applyFilteredMemberEvent,
  isMemberFilterSet,
  isMemberRole,
  MAX_MEMBER_SEARCH_LENGTH,
  MEMBER_ROLES,
  memberFilterVariables,
} from '../../lib/member-filter.js';
import { useLiveEvents } from '../../live.js';
import { useAction, useLoad } from '../../session.js';
import { RequestsPanel } from './RequestsPanel.js';

const PAGE_SIZE = 50;
const SEARCH_PAUSE_MS = 300;

type Moderate = (member: string, kind: 'kick' | 'ban', deleteAllMessages?: boolean) => void;

/** Pending requests, then the active members they become: both kept current by the live feed; kick and ban. */
export const MembersTab = ({ communityId }: { communityId: string }) => {
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<MemberRole | ''>('');
  const [searched, settleSearch] = useDebounced(search, SEARCH_PAUSE_MS);
  const filter: MemberFilter = { search: searched.trim(), role };
  const filtered = isMemberFilterSet(filter);
  const [total, setTotal] = useState<number | undefined>();
  const action = useAction();
  const moderate: Moderate = (member, kind, deleteAllMessages = false) =>
    void action.run(async (client) => {
      const input = { communityId, memberKey: member, idempotencyKey: idempotencyKey() };
      if (kind === 'kick') await runCommand(client, KICK_MEMBER, input);
      else await runCommand(client, BAN_MEMBER, { ...input, deleteAllMessages });
      return `${kind === 'kick' ? 'Kick' : 'Ban'} queued for ${member.slice(0, 10)}…: the list follows when it is done.`;
    });
  return (
    <>
      <RequestsPanel communityId={communityId} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">
          Members{' '}
          <span className="muted">
            (<span data-total-members>{total ?? '…'}</span> {filtered ? 'matching' : 'active'})
          </span>
        </h2>
        <form
          className="toolbar"
          role="search"
          aria-label="Members"
          onSubmit={(event) => {
            event.preventDefault();
            settleSearch();
          }}
        >
          <label>
            Search members
            <input
              type="search"
              value={search}
              maxLength={MAX_MEMBER_SEARCH_LENGTH}
              aria-describedby="member-search-hint"
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
          <label>
            Role
            <select
              value={role}
              onChange={(event) => setRole(isMemberRole(event.target.value) ? event.target.value : '')}
            >
              <option value="">any</option>
              {MEMBER_ROLES.map((choice) => (
                <option key={choice} value={choice}>
                  {roleName(choice)}
                </option>
              ))}
            </select>
          </label>
        </form>
        <p id="member-search-hint" className="hint">
          Part of a display name, the start of a key (0x04…), or a whole zQ3… or 0x02…/0x03… key.
        </p>
        <Problems problems={action.problems} />
        <Done text={action.done} />
        {/* A new filter is a new list (the controls stay, with their focus): a page still arriving for the
            previous filter cannot land in it. */}
        <MemberList
          key={`${filter.role}|${filter.search}`}
          communityId={communityId}
          filter={filter}
          pending={action.pending}
          onModerate={moderate}
          onTotal={setTotal}
        />
      </section>
    </>
  );
};

const roleName = (role: string) => role.toLowerCase().replace('_', ' ');

/** The members matching one filter, page by page, kept current by the live feed. */
const MemberList = ({
  communityId,
  filter,
  pending,
  onModerate,
  onTotal,
}: {
  communityId: string;
  filter: MemberFilter;
  pending: boolean;
  onModerate: Moderate;
  /** How many members match, for the heading above the controls. */
  onTotal(total: number | undefined): void;
}) => {
  const [list, setList] = useState<PagedList<MemberRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const page = useLoad(
    async (client) => {
      const { community } = await client.request<{ community: { members: Connection<MemberRow> } | null }>(
        MEMBERS,
        { id: communityId, ...memberFilterVariables(filter), first: PAGE_SIZE, after },
      );
      if (community)
        setList((previous) => appendPage(after === null ? emptyList() : previous, community.members, keyOf));
      return community;
    },
    [communityId, after],
  );
  useLiveEvents((event) => setList((previous) => applyFilteredMemberEvent(previous, event, filter)));
  useEffect(() => onTotal(list.totalCount), [list.totalCount, onTotal]);
  const filtered = isMemberFilterSet(filter);
  return (
    <>
      <Problems problems={page.problems} />
      <RowsTable columns={['Member', 'Name', 'Roles', 'Joined', 'Actions']} busy={page.loading}>
        {list.nodes.map((member) => (
          <MemberLine key={member.memberKey} member={member} pending={pending} onModerate={onModerate} />
        ))}
      </RowsTable>
      {page.data && list.nodes.length === 0 ? (
        <p>{filtered ? 'No active member matches.' : 'No active member.'}</p>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)} disabled={page.loading}>
          Load more members
        </button>
      ) : null}
    </>
  );
};

const keyOf = (member: MemberRow) => member.memberKey;

const MemberLine = ({
  member,
  pending,
  onModerate,
}: {
  member: MemberRow;
  pending: boolean;
  onModerate: Moderate;
}) => {
  const [deleteMessages, setDeleteMessages] = useState(false);
  const owner = member.roles.includes('OWNER');
  return (
    <tr data-member={member.memberKey}>
      <td>
        <Key value={member.memberKey} />
      </td>
      <td>{member.displayName ?? <span className="muted">unknown</span>}</td>
      <td>{member.roles.length > 0 ? member.roles.map(roleName).join(', ') : 'member'}</td>
      <td>
        <Time value={member.joinedAt} />
      </td>
      <td className="actions">
        {owner ? null : (
          <>
            <button type="button" disabled={pending} onClick={() => onModerate(member.memberKey, 'kick')}>
              Kick
            </button>
            <label>
              <input
                type="checkbox"
                checked={deleteMessages}
                onChange={(e) => setDeleteMessages(e.target.checked)}
              />{' '}
              and delete messages
            </label>
            <button
              type="button"
              className="danger"
              disabled={pending}
              onClick={() => onModerate(member.memberKey, 'ban', deleteMessages)}
            >
              Ban
            </button>
          </>
        )}
      </td>
    </tr>
  );
};
