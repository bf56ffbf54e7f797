import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey, runCommand } from '../api/commands.js';
import {
  BOT_IDENTITIES,
  BOT_REQUEST_TO_JOIN,
  CHANNEL_CHOICES,
  CREATE_BOT_IDENTITY,
  SEND_MESSAGE,
} from '../api/documents.js';
import type { ApiProblem } from '../api/errors.js';
import { Key, Time } from '../components/Key.js';
import { Done, Problems } from '../components/Problems.js';
import { RowsTable } from '../components/RowsTable.js';
import type { BotMembership } from '../lib/bots.js';
import { BOT_NAME_RULE, botIsIn, botNameProblem, hasBotNamed, membershipStateName } from '../lib/bots.js';
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
  readonly communities: readonly BotMembership[];
}

// The publisher makes a new identity, and the request-handler stores a bot's request to join, a moment after
// the command is queued, and no event of the bot's tenant says so: the list is read again this often, this
// many times, until what was asked for shows up.
const POLL_MS = 1_500;
const POLL_TRIES = 40;

/** What the page waits to see in the list of bots. */
interface Awaited {
  readonly kind: 'identity' | 'request';
  /** What it waits for, in words. */
  readonly label: string;
  readonly tries: number;
  arrived(bots: readonly BotRow[]): boolean;
}

/** The tenant's bot identities: create one, see where each is a member, speak or ask to join as one. */
export const Bots = () => {
  const bots = useLoad(
    async (client) => (await client.request<{ botIdentities: BotRow[] }>(BOT_IDENTITIES)).botIdentities,
    [],
  );
  const communities = useCommunityChoices();

  const [awaiting, setAwaiting] = useState<Awaited | undefined>();
  const { reload, loading } = bots;
  useEffect(() => {
    if (!awaiting || loading) return;
    if ((bots.data && awaiting.arrived(bots.data)) || awaiting.tries >= POLL_TRIES) {
      setAwaiting(undefined);
      return;
    }
    const timer = setTimeout(() => {
      setAwaiting({ ...awaiting, tries: awaiting.tries + 1 });
      reload();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [awaiting, loading, bots.data, reload]);
  const awaitFor = (next: Omit<Awaited, 'tries'>) => {
    setAwaiting({ ...next, tries: 0 });
    reload();
  };

  const list = bots.data ?? [];
  return (
    <section aria-labelledby="bots-title">
      <h1 id="bots-title">Bots</h1>
      <p className="muted">
        Identities of this tenant that speak in communities as a Status app member would.
      </p>
      <Problems problems={bots.problems} />
      <Problems problems={communities.problems} />
      {bots.data && list.length === 0 ? <p>No bot identity yet.</p> : null}
      {list.length > 0 ? (
        <RowsTable columns={['Name', 'Key', 'Wallet', 'Communities', 'Created']} busy={bots.loading}>
          {list.map((bot) => (
            <tr key={bot.id} data-bot={bot.publicKey} data-bot-name={bot.displayName}>
              <td>{bot.displayName}</td>
              <td>
                <Key value={bot.publicKey} />
              </td>
              <td>{bot.walletAddress ? <Key value={bot.walletAddress} /> : 'none'}</td>
              <td>
                <BotCommunities memberships={bot.communities} />
              </td>
              <td>
                <Time value={bot.createdAt} />
              </td>
            </tr>
          ))}
        </RowsTable>
      ) : null}
      {communities.data?.hasNextPage ? (
        <p className="muted">Only the newest {communities.data.nodes.length} communities are offered.</p>
      ) : null}
      <div className="columns">
        <CreateBot
          onQueued={(name) =>
            awaitFor({
              kind: 'identity',
              label: `${name} to be made`,
              arrived: (rows) => hasBotNamed(rows, name),
            })
          }
          awaiting={awaiting?.kind === 'identity' ? awaiting.label : undefined}
        />
        <SendAsBot bots={list} communities={communities.data?.nodes ?? []} />
        <AskToJoin
          bots={list}
          communities={communities.data?.nodes ?? []}
          onAsked={(bot, communityId) =>
            awaitFor({
              kind: 'request',
              label: `${bot.displayName}'s request to reach the community`,
              arrived: (rows) => botIsIn(rows, bot.publicKey, communityId),
            })
          }
          awaiting={awaiting?.kind === 'request' ? awaiting.label : undefined}
        />
      </div>
    </section>
  );
};

const BotCommunities = ({ memberships }: { memberships: readonly BotMembership[] }) => {
  if (memberships.length === 0) return <span className="muted">no community</span>;
  return (
    <ul className="inline-list">
      {memberships.map(({ community, state }) => (
        <li key={community.communityId} data-bot-community={community.communityId} data-state={state}>
          <a href={routeHash({ page: 'community', communityId: community.communityId, tab: 'overview' })}>
            {community.identity.name}
          </a>{' '}
          <span className={state === 'MEMBER' ? undefined : 'muted'}>({membershipStateName(state)})</span>
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
          Waiting for {awaiting}…
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
  awaiting,
}: {
  bots: readonly BotRow[];
  communities: readonly CommunityChoice[];
  onAsked(bot: BotRow, communityId: string): void;
  awaiting: string | undefined;
}) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const bot = bots.find((row) => row.publicKey === form.get('botKey'));
    const communityId = String(form.get('communityId'));
    void action
      .run(async (client) => {
        await runCommand(client, BOT_REQUEST_TO_JOIN, {
          botKey: bot?.publicKey ?? '',
          communityId,
          // status-go refuses a request that reveals no address: the bot's own wallet is the one it has.
          revealedAddresses: bot?.walletAddress ? [bot.walletAddress] : [],
          idempotencyKey: idempotencyKey(),
        });
        return `Request to join queued for ${bot?.displayName ?? 'the bot'}: the community's moderators decide.`;
      })
      .then((ok) => ok && bot && onAsked(bot, communityId));
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
      {awaiting ? (
        <p className="muted" role="status">
          Waiting for {awaiting}…
        </p>
      ) : null}
    </form>
  );
};
