import { idempotencyKey, runCommand } from '../../api/commands.js';
import { BANS, UNBAN_MEMBER } from '../../api/documents.js';
import { Key, Time } from '../../components/Key.js';
import { Done, Problems } from '../../components/Problems.js';
import { useLiveEvents } from '../../live.js';
import { useAction, useLoad } from '../../session.js';

interface BanRow {
  readonly memberKey: string;
  readonly deleteAllMessages: boolean;
  readonly bannedAt: string;
  readonly bannedBy: string | null;
}

/** Banned members; read again whenever a ban or unban goes by live. */
export const BansTab = ({ communityId }: { communityId: string }) => {
  const bans = useLoad(
    async (client) =>
      (await client.request<{ community: { bans: BanRow[] } | null }>(BANS, { id: communityId })).community
        ?.bans ?? [],
    [communityId],
  );
  useLiveEvents((event) => {
    if (event.type === 'MEMBER_BANNED' || event.type === 'MEMBER_UNBANNED') bans.reload();
  });
  const action = useAction();
  const unban = (memberKey: string) =>
    void action.run(async (client) => {
      await runCommand(client, UNBAN_MEMBER, { communityId, memberKey, idempotencyKey: idempotencyKey() });
      return `Unban queued for ${memberKey.slice(0, 10)}…`;
    });
  return (
    <section aria-labelledby="bans-title">
      <h2 id="bans-title">Bans</h2>
      <Problems problems={bans.problems} />
      <Problems problems={action.problems} />
      <Done text={action.done} />
      {bans.data && bans.data.length === 0 ? <p>Nobody is banned.</p> : null}
      <ul className="rows-list">
        {(bans.data ?? []).map((ban) => (
          <li key={ban.memberKey} data-banned={ban.memberKey}>
            <Key value={ban.memberKey} />{' '}
            <span className="muted">
              banned <Time value={ban.bannedAt} />
              {ban.deleteAllMessages ? ', messages deleted' : ''}
            </span>
            <span className="actions">
              <button type="button" disabled={action.pending} onClick={() => unban(ban.memberKey)}>
                Unban
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
};
