import { useState } from 'react';
import { idempotencyKey, runCommand } from '../../api/commands.js';
import { BAN_MEMBER, KICK_MEMBER, MEMBERS } from '../../api/documents.js';
import { Key, Time } from '../../components/Key.js';
import { Done, Problems } from '../../components/Problems.js';
import type { Connection, PagedList } from '../../lib/connection.js';
import { appendPage, emptyList } from '../../lib/connection.js';
import type { MemberRow } from '../../lib/live-lists.js';
import { applyMemberEvent } from '../../lib/live-lists.js';
import { useLiveEvents } from '../../live.js';
import { useAction, useLoad } from '../../session.js';
import { RequestsPanel } from './RequestsPanel.js';

const PAGE_SIZE = 50;

/** Pending requests, then the active members they become: both kept current by the live feed; kick and ban. */
export const MembersTab = ({ communityId }: { communityId: string }) => {
  const [list, setList] = useState<PagedList<MemberRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const page = useLoad(
    async (client) => {
      const { community } = await client.request<{ community: { members: Connection<MemberRow> } | null }>(
        MEMBERS,
        { id: communityId, first: PAGE_SIZE, after },
      );
      if (community)
        setList((previous) => appendPage(after === null ? emptyList() : previous, community.members, keyOf));
      return community;
    },
    [communityId, after],
  );
  useLiveEvents((event) => setList((previous) => applyMemberEvent(previous, event)));
  const action = useAction();
  const moderate = (member: string, kind: 'kick' | 'ban', deleteAllMessages = false) =>
    void action.run(async (client) => {
      const input = { communityId, memberKey: member, idempotencyKey: idempotencyKey() };
      if (kind === 'kick') await runCommand(client, KICK_MEMBER, input);
      else await runCommand(client, BAN_MEMBER, { ...input, deleteAllMessages });
      return `${kind === 'kick' ? 'Kick' : 'Ban'} queued for ${member.slice(0, 10)}…: the list follows when it is done.`;
    });
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? list.nodes.filter((member) => member.memberKey.toLowerCase().includes(needle))
    : list.nodes;
  return (
    <>
      <RequestsPanel communityId={communityId} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">
          Members{' '}
          <span className="muted">
            (<span data-total-members>{list.totalCount ?? '…'}</span> active)
          </span>
        </h2>
        <label className="toolbar">
          Filter the loaded members by key{' '}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <Problems problems={page.problems} />
        <Problems problems={action.problems} />
        <Done text={action.done} />
        <table className="rows" aria-busy={page.loading}>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Roles</th>
              <th scope="col">Joined</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => (
              <MemberLine
                key={member.memberKey}
                member={member}
                pending={action.pending}
                onModerate={moderate}
              />
            ))}
          </tbody>
        </table>
        {list.hasNextPage ? (
          <button type="button" onClick={() => setAfter(list.endCursor)} disabled={page.loading}>
            Load more members
          </button>
        ) : null}
      </section>
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
  onModerate(member: string, kind: 'kick' | 'ban', deleteAllMessages?: boolean): void;
}) => {
  const [deleteMessages, setDeleteMessages] = useState(false);
  const owner = member.roles.includes('OWNER');
  return (
    <tr data-member={member.memberKey}>
      <td>
        <Key value={member.memberKey} />
      </td>
      <td>{member.roles.length > 0 ? member.roles.join(', ').toLowerCase() : 'member'}</td>
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
