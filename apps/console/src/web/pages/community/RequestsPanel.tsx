import { useState } from 'react';
import { idempotencyKey, runCommand } from '../../api/commands.js';
import { DECIDE_REQUEST, REQUESTS } from '../../api/documents.js';
import { Key, Time } from '../../components/Key.js';
import { Done, Problems } from '../../components/Problems.js';
import type { Connection, PagedList } from '../../lib/connection.js';
import { appendPage, emptyList } from '../../lib/connection.js';
import type { RequestRow } from '../../lib/live-lists.js';
import { applyRequestEvent } from '../../lib/live-lists.js';
import { useLiveEvents } from '../../live.js';
import { useAction, useLoad } from '../../session.js';

/** Pending requests to join, arriving live; approve or decline each (above the members they become). */
export const RequestsPanel = ({ communityId }: { communityId: string }) => {
  const [list, setList] = useState<PagedList<RequestRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const page = useLoad(
    async (client) => {
      const { community } = await client.request<{
        community: { requestsToJoin: Connection<RequestRow> } | null;
      }>(REQUESTS, { id: communityId, first: 50, after });
      if (community)
        setList((previous) =>
          appendPage(
            after === null ? emptyList() : previous,
            community.requestsToJoin,
            (row) => row.requestId,
          ),
        );
      return community;
    },
    [communityId, after],
  );
  useLiveEvents((event) => setList((previous) => applyRequestEvent(previous, event)));
  const action = useAction();
  const decide = (request: RequestRow, decision: 'ACCEPT' | 'DECLINE') =>
    void action.run(async (client) => {
      await runCommand(client, DECIDE_REQUEST, {
        communityId,
        requestId: request.requestId,
        decision,
        idempotencyKey: idempotencyKey(),
      });
      return `${decision === 'ACCEPT' ? 'Approval' : 'Decline'} queued for ${request.requesterKey.slice(0, 10)}…`;
    });
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Pending requests to join</h2>
      <Problems problems={page.problems} />
      <Problems problems={action.problems} />
      <Done text={action.done} />
      {!page.loading && list.nodes.length === 0 ? (
        <p>No pending request. New ones appear here as they arrive.</p>
      ) : null}
      <ul className="rows-list" aria-live="polite">
        {list.nodes.map((request) => (
          <li key={request.requestId} data-request={request.requestId} data-requester={request.requesterKey}>
            <Key value={request.requesterKey} />{' '}
            {request.displayName ? <strong>{request.displayName}</strong> : null}{' '}
            <span className="muted">
              received <Time value={request.receivedAt} />
            </span>
            <span className="actions">
              <button type="button" disabled={action.pending} onClick={() => decide(request, 'ACCEPT')}>
                Approve
              </button>
              <button
                type="button"
                className="danger"
                disabled={action.pending}
                onClick={() => decide(request, 'DECLINE')}
              >
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)}>
          Load more requests
        </button>
      ) : null}
    </section>
  );
};
