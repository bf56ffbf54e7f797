import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey, runCommand } from '../api/commands.js';
import {
  BOT_IDENTITIES,
  BOT_REQUEST_TO_JOIN,
  CHANNEL_CHOICES,
  CREATE_BOT_IDENTITY,
  MEMBER_KEYS,
  SEND_MESSAGE,
} from '../api/documents.js';
import type { ApiProblem } from '../api/errors.js';
import { Key, Time } from '../components/Key.js';
import { Done, Problems } from '../components/Problems.js';
import type { Membership } from '../lib/bots.js';
import { BOT_NAME_RULE, botNameProblem, botsAmong, membershipsByBot } from '../lib/bots.js';
import type { Connection } from '../lib/connection.js';
import { appendPage, emptyList, nextPageVariables } from '../lib/connection.js';
import { routeHash } from '../lib/route.js';
import { useAction, useLoad } from '../session.js';
import type { CommunityChoice } from './community-choices.js';
import { useCommunityChoices } from './community-choices.js';

interface BotRow {
  readonly id: string;
  readonly publicKey: string;
  readonly displayName: string;
  readonly walletAddress: string | null;
  readonly createdAt: string;
}

// The API has no "communities of a member" query: each community's members are read, up to this many pages
// of 100, and a community larger than that is named as not fully checked.
const MEMBER_PAGES = 10;
// The publisher makes a new identity a moment after the command is queued, and no event says so: the list
// is read again this often, this many times, until the new name shows up.
const POLL_MS = 1_500;
const POLL_TRIES = 40;

interface Scan {
  readonly byBot: ReadonlyMap<string, readonly Membership[]>;
  readonly partial: readonly string[];
}

/** The tenant's bot identities: create one, see where each is a member, speak or ask to join as one. */
export const Bots = () => {
  const bots = useLoad(
    async (client) => (await client.request<{ botIdentities: BotRow[] }>(BOT_IDENTITIES)).botIdentities,
    [],
  );
  const communities = useCommunityChoices();
  const botKeys = (bots.data ?? []).map((bot) => bot.publicKey);
  const scan = useLoad(
    async (client): Promise<Scan | undefined> => {
      if (botKeys.length === 0 || !communities.data) return undefined;
      const found: { community: Membership; bots: string[] }[] = [];
      const partial: string[] = [];
      for (const community of communities.data.nodes) {
        let members = emptyList<{ memberKey: string }>();
        for (let page = 0; page < MEMBER_PAGES && (page === 0 || members.hasNextPage); page++) {
          const answer = await client.request<{
            community: { members: Connection<{ memberKey: string }> } | null;
          }>(MEMBER_KEYS, { id: community.communityId, ...nextPageVariables(members, 100) });
          if (!answer.community) break;
          members = appendPage(members, answer.community.members, (member) => member.memberKey);
        }
        const name = community.identity.name;
        if (members.hasNextPage) partial.push(name);
        found.push({
          community: { communityId: community.communityId, name },
          bots: botsAmong(
            botKeys,
            members.nodes.map((member) => member.memberKey),
          ),
        });
      }
      return { byBot: membershipsByBot(found), partial };
    },
    [botKeys.join(','), communities.data],
  );

  const [awaiting, setAwaiting] = useState<{ name: string; tries: number } | undefined>();
  const { reload, loading } = bots;
  useEffect(() => {
    if (!awaiting || loading) return;
    if (bots.data?.some((bot) => bot.displayName === awaiting.name) || awaiting.tries >= POLL_TRIES) {
      setAwaiting(undefined);
      return;
    }
    const timer = setTimeout(() => {
      setAwaiting({ ...awaiting, tries: awaiting.tries + 1 });
      reload();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [awaiting, loading, bots.data, reload]);

  const list = bots.data ?? [];
  return (
    <section aria-labelledby="bots-title">
      <h1 id="bots-title">Bots</h1>
      <p className="muted">
        Identities of this tenant that speak in communities as a Status app member would.
      </p>
      <Problems problems={bots.problems} />
      <Problems problems={communities.problems} />
      <Problems problems={scan.problems} />
      {bots.data && list.length === 0 ? <p>No bot identity yet.</p> : null}
      {list.length > 0 ? (
        <table className="rows" aria-busy={bots.loading}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Wallet</th>
              <th scope="col">Member of</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {list.map((bot) => (
              <tr key={bot.id} data-bot={bot.publicKey} data-bot-name={bot.displayName}>
                <td>{bot.displayName}</td>
                <td>
                  <Key value={bot.publicKey} />
                </td>
                <td>{bot.walletAddress ? <Key value={bot.walletAddress} /> : 'none'}</td>
                <td>
                  <MemberOf scan={scan.data} checking={scan.loading} botKey={bot.publicKey} />
                </td>
                <td>
                  <Time value={bot.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {scan.data && scan.data.partial.length > 0 ? (
        <p className="muted">
          Only the first {MEMBER_PAGES * 100} members were checked in: {scan.data.partial.join(', ')}.
        </p>
      ) : null}
      {communities.data?.hasNextPage ? (
        <p className="muted">
          Only the newest {communities.data.nodes.length} communities are checked and offered.
        </p>
      ) : null}
      <div className="columns">
        <CreateBot
          onQueued={(name) => {
            setAwaiting({ name, tries: 0 });
            reload();
          }}
          awaiting={awaiting?.name}
        />
        <SendAsBot bots={list} communities={communities.data?.nodes ?? []} />
        <AskToJoin bots={list} communities={communities.data?.nodes ?? []} onAsked={() => scan.reload()} />
      </div>
    </section>
  );
};

const MemberOf = ({
  scan,
  checking,
  botKey,
}: {
  scan: Scan | undefined;
  checking: boolean;
  botKey: string;
}) => {
  if (checking) return <span className="muted">checking…</span>;
  const memberships = scan?.byBot.get(botKey) ?? [];
  if (memberships.length === 0) return <span className="muted">no community</span>;
  return (
    <ul className="inline-list">
      {memberships.map((community) => (
        <li key={community.communityId}>
          <a href={routeHash({ page: 'community', communityId: community.communityId, tab: 'overview' })}>
            {community.name}
          </a>
        </li>
      ))}
    </ul>
  );
};

const CreateBot = ({
  onQueued,
  awaiting,
}: {
  onQueued(name: string): void;
  awaiting: string | undefined;
}) => {
  const action = useAction();
  const [invalid, setInvalid] = useState<readonly ApiProblem[] | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    const displayName = String(form.get('displayName') ?? '');
    // Checked here as the API would: a refused name is said at once, by the same code the API answers.
    const problem = botNameProblem(displayName);
    setInvalid(problem ? [{ code: 'BAD_USER_INPUT', message: problem, field: ['displayName'] }] : undefined);
    if (problem) return;
    void action
      .run(async (client) => {
        await runCommand(client, CREATE_BOT_IDENTITY, {
          displayName,
          withWallet: form.get('withWallet') === 'on',
          idempotencyKey: idempotencyKey(),
        });
        return `Creation of ${displayName} queued: it is listed once the publisher has made its keys.`;
      })
      .then((ok) => {
        if (!ok) return;
        target.reset();
        onQueued(displayName);
      });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-bot-title" noValidate>
      <h2 id="new-bot-title">New bot</h2>
      <label>
        Display name
        <input
          name="displayName"
          required
          maxLength={24}
          aria-describedby="bot-name-rule"
          aria-invalid={invalid ? true : undefined}
        />
      </label>
      <p id="bot-name-rule" className="hint">
        {BOT_NAME_RULE}: Status apps drop the messages of a bot named otherwise.
      </p>
      <label className="check">
        <input type="checkbox" name="withWallet" defaultChecked /> With a wallet (a request to join reveals
        its address)
      </label>
      <button type="submit" disabled={action.pending}>
        Create bot
      </button>
      <Problems problems={invalid ?? action.problems} />
      <Done text={action.done} />
      {awaiting ? (
        <p className="muted" role="status">
          Waiting for {awaiting} to be made…
        </p>
      ) : null}
    </form>
  );
};

const BotPicker = ({ bots, needsWallet }: { bots: readonly BotRow[]; needsWallet?: boolean }) => (
  <label>
    Bot
    <select name="botKey" required>
      {bots.map((bot) => (
        <option key={bot.id} value={bot.publicKey} disabled={needsWallet === true && !bot.walletAddress}>
          {bot.displayName}
          {needsWallet === true && !bot.walletAddress ? ' (no wallet)' : ''}
        </option>
      ))}
    </select>
  </label>
);

const CommunityPicker = ({
  communities,
  value,
  onChange,
}: {
  communities: readonly CommunityChoice[];
  value?: string;
  onChange?(communityId: string): void;
}) => (
  <label>
    Community
    <select
      name="communityId"
      required
      {...(onChange ? { value, onChange: (event) => onChange(event.currentTarget.value) } : {})}
    >
      <option value="">choose…</option>
      {communities.map((community) => (
        <option key={community.id} value={community.communityId}>
          {community.identity.name} ({community.kind.toLowerCase()})
        </option>
      ))}
    </select>
  </label>
);

const SendAsBot = ({
  bots,
  communities,
}: {
  bots: readonly BotRow[];
  communities: readonly CommunityChoice[];
}) => {
  const action = useAction();
  const [communityId, setCommunityId] = useState('');
  const channels = useLoad(
    async (client) =>
      communityId
        ? ((
            await client.request<{ community: { channels: { uuid: string; name: string }[] } | null }>(
              CHANNEL_CHOICES,
              { id: communityId },
            )
          ).community?.channels ?? [])
        : [],
    [communityId],
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void action
      .run(async (client) => {
        await runCommand(client, SEND_MESSAGE, {
          bot: {
            botKey: String(form.get('botKey')),
            communityId,
            channelId: String(form.get('channelId')),
          },
          text: String(form.get('text')),
          idempotencyKey: idempotencyKey(),
        });
        return 'Message queued: the publisher sends it as the bot.';
      })
      .then((ok) => {
        // The pickers stay as they were: the next message most often goes to the same channel.
        if (ok) (target.elements.namedItem('text') as HTMLTextAreaElement).value = '';
      });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="send-title">
      <h2 id="send-title">Send a message as a bot</h2>
      {bots.length === 0 ? <p className="muted">Create a bot first.</p> : null}
      <BotPicker bots={bots} />
      <CommunityPicker communities={communities} value={communityId} onChange={setCommunityId} />
      <label>
        Channel
        <select name="channelId" required disabled={!channels.data || channels.data.length === 0}>
          {(channels.data ?? []).map((channel) => (
            <option key={channel.uuid} value={channel.uuid}>
              #{channel.name}
            </option>
          ))}
        </select>
      </label>
      {communityId && channels.data?.length === 0 ? (
        <p className="muted">That community has no channel.</p>
      ) : null}
      <label>
        Message
        <textarea name="text" required rows={3} maxLength={4096} />
      </label>
      <button type="submit" disabled={action.pending || bots.length === 0 || !channels.data?.length}>
        Send
      </button>
      <Problems problems={channels.problems} />
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};

const AskToJoin = ({
  bots,
  communities,
  onAsked,
}: {
  bots: readonly BotRow[];
  communities: readonly CommunityChoice[];
  onAsked(): void;
}) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const bot = bots.find((row) => row.publicKey === form.get('botKey'));
    void action
      .run(async (client) => {
        await runCommand(client, BOT_REQUEST_TO_JOIN, {
          botKey: bot?.publicKey ?? '',
          communityId: String(form.get('communityId')),
          // status-go refuses a request that reveals no address: the bot's own wallet is the one it has.
          revealedAddresses: bot?.walletAddress ? [bot.walletAddress] : [],
          idempotencyKey: idempotencyKey(),
        });
        return `Request to join queued for ${bot?.displayName ?? 'the bot'}: the community's moderators decide.`;
      })
      .then((ok) => ok && onAsked());
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="join-title">
      <h2 id="join-title">Ask to join a community</h2>
      <BotPicker bots={bots} needsWallet />
      <CommunityPicker communities={communities} />
      <button type="submit" disabled={action.pending || !bots.some((bot) => bot.walletAddress)}>
        Ask to join
      </button>
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};
