import { useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey, runCommand } from '../../api/commands.js';
import { CREATE_CHANNEL, MESSAGES } from '../../api/documents.js';
import { Key, Time } from '../../components/Key.js';
import { Done, Problems } from '../../components/Problems.js';
import type { Connection, PagedList } from '../../lib/connection.js';
import { appendPage, emptyList } from '../../lib/connection.js';
import type { MessageRow } from '../../lib/live-lists.js';
import { applyMessageEvent } from '../../lib/live-lists.js';
import { useLiveEvents } from '../../live.js';
import { useAction, useLoad } from '../../session.js';
import { ChannelFields } from './ChannelFields.js';
import { ChannelList } from './ChannelList.js';
import type { ChannelDetail, CommunityDetail } from './community-detail.js';

/** The channels (by category and position) and their editing, a new channel, and the chosen channel's messages live. */
export const ChannelsTab = ({ community, reload }: { community: CommunityDetail; reload(): void }) => {
  const sorted = [...community.channels].sort((a, b) => a.position - b.position);
  const [chosen, setChosen] = useState<string | undefined>(sorted[0]?.uuid);
  useLiveEvents((event) => {
    if (event.type === 'COMMUNITY_UPDATED') reload();
  });
  const channel = sorted.find((one) => one.uuid === chosen);
  return (
    <section aria-labelledby="channels-title" className="columns">
      <div>
        <h2 id="channels-title">Channels</h2>
        <ChannelList community={community} chosen={chosen} choose={setChosen} />
        <CreateChannel communityId={community.communityId} />
      </div>
      {channel ? <Messages key={channel.uuid} channel={channel} /> : null}
    </section>
  );
};

const CreateChannel = ({ communityId }: { communityId: string }) => {
  const action = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void action
      .run(async (client) => {
        await runCommand(client, CREATE_CHANNEL, {
          communityId,
          name: String(form.get('name')),
          description: String(form.get('description') ?? ''),
          color: String(form.get('color')),
          idempotencyKey: idempotencyKey(),
        });
        return 'Channel queued: it is listed once the community is published again.';
      })
      .then((ok) => ok && target.reset());
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-channel-title">
      <h3 id="new-channel-title">New channel</h3>
      <ChannelFields />
      <button type="submit" disabled={action.pending}>
        Create channel
      </button>
      <Problems problems={action.problems} />
      <Done text={action.done} />
    </form>
  );
};

const Messages = ({ channel }: { channel: ChannelDetail }) => {
  const [list, setList] = useState<PagedList<MessageRow>>(emptyList());
  const [after, setAfter] = useState<string | null>(null);
  const page = useLoad(
    async (client) => {
      const { messages } = await client.request<{ messages: Connection<MessageRow> }>(MESSAGES, {
        channelId: channel.chatId,
        first: 50,
        after,
      });
      setList((previous) =>
        appendPage(after === null ? emptyList() : previous, messages, (row) => row.messageId),
      );
      return messages;
    },
    [channel.chatId, after],
  );
  useLiveEvents((event) => setList((previous) => applyMessageEvent(previous, channel.uuid, event)));
  return (
    <div aria-labelledby="messages-title">
      <h2 id="messages-title">Recent messages in #{channel.name}</h2>
      <Problems problems={page.problems} />
      {!page.loading && list.nodes.length === 0 ? (
        <p>No message yet. New ones appear here as they are posted.</p>
      ) : null}
      <ol className="messages" aria-live="polite" data-messages={channel.uuid}>
        {list.nodes.map((message) => (
          <li key={message.messageId} data-message={message.messageId}>
            <Key value={message.authorKey} /> <Time value={message.timestamp} />
            <p className={message.deleted ? 'muted' : undefined}>
              {message.deleted ? '(deleted)' : message.text}
              {message.edited ? <span className="muted"> (edited)</span> : null}
            </p>
          </li>
        ))}
      </ol>
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)}>
          Older messages
        </button>
      ) : null}
    </div>
  );
};
