import { useState } from 'react';
import { AUDIT_LOG } from '../../api/documents.js';
import { Time } from '../../components/Key.js';
import { Problems } from '../../components/Problems.js';
import { RowsTable } from '../../components/RowsTable.js';
import type { Connection, PagedList } from '../../lib/connection.js';
import { appendPage, emptyList } from '../../lib/connection.js';
import { useLoad } from '../../session.js';

interface AuditRow {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly input: string;
  readonly result: string;
  readonly errorCode: string | null;
  readonly at: string;
}

/** What was asked of this community through the API, newest first (an ADMIN key's view). */
export const AuditTab = ({ communityId }: { communityId: string }) => {
  const [list, setList] = useState<PagedList<AuditRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const page = useLoad(
    async (client) => {
      const { auditLog } = await client.request<{ auditLog: Connection<AuditRow> }>(AUDIT_LOG, {
        id: communityId,
        first: 50,
        after,
      });
      setList((previous) => appendPage(after === null ? emptyList() : previous, auditLog, (row) => row.id));
      return auditLog;
    },
    [communityId, after],
  );
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <Problems problems={page.problems} />
      <RowsTable columns={['When', 'Who', 'Action', 'Result', 'Input']}>
        {list.nodes.map((row) => (
          <tr key={row.id} data-audit-action={row.action}>
            <td>
              <Time value={row.at} />
            </td>
            <td>{row.actor}</td>
            <td>{row.action}</td>
            <td>{row.result === 'SUCCESS' ? 'done' : `refused (${row.errorCode ?? 'unknown'})`}</td>
            <td>
              <code>{row.input}</code>
            </td>
          </tr>
        ))}
      </RowsTable>
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)}>
          Older entries
        </button>
      ) : null}
    </section>
  );
};
