import { useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey } from '../api/commands.js';
import { CREATE_WEBHOOK, DELETE_WEBHOOK, WEBHOOK_DELIVERIES, WEBHOOKS } from '../api/documents.js';
import { ApiError } from '../api/errors.js';
import type { ApiProblem } from '../api/errors.js';
import type { GraphQLClient } from '../api/graphql-client.js';
import { Key, Time } from '../components/Key.js';
import { Done, Problems } from '../components/Problems.js';
import { RowsTable } from '../components/RowsTable.js';
import type { Connection, PagedList } from '../lib/connection.js';
import { appendPage, emptyList } from '../lib/connection.js';
import type { DeliveryStatus } from '../lib/webhooks.js';
import {
  DELIVERY_STATUSES,
  EVENT_TYPES,
  eventsLabel,
  isDeliveryStatus,
  lastAttemptText,
  webhookInput,
} from '../lib/webhooks.js';
import { useAction, useLoad } from '../session.js';
import { useCommunityChoices } from './community-choices.js';

interface WebhookRow {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly communityId: string | null;
  readonly channelId: string | null;
  readonly active: boolean;
  readonly createdAt: string;
}

interface DeliveryRow {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastLatencyMs: number | null;
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly deadLetteredAt: string | null;
}

interface Payload {
  readonly userErrors: readonly ApiProblem[];
  readonly secret?: string | null;
  readonly webhookSubscription?: { readonly id: string } | null;
}

// These payloads carry no command: their user errors are thrown as the API's codes all the same.
const mutate = async (client: GraphQLClient, document: string, input: Record<string, unknown>) => {
  const payload = Object.values(await client.request<Record<string, Payload>>(document, { input }))[0];
  if (!payload) throw new ApiError([{ code: 'INTERNAL', message: 'No payload in the answer' }], 200);
  if (payload.userErrors.length > 0) throw new ApiError(payload.userErrors, 200);
  return payload;
};

const PAGE_SIZE = 25;

/** The tenant's webhooks (an ADMIN key's view): create one, its secret shown once; delete; delivery logs. */
export const Webhooks = () => {
  const webhooks = useLoad(
    async (client) =>
      (await client.request<{ webhookSubscriptions: WebhookRow[] }>(WEBHOOKS)).webhookSubscriptions,
    [],
  );
  const communities = useCommunityChoices();
  const action = useAction();
  const [created, setCreated] = useState<{ url: string; secret: string } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const nameOf = (communityId: string) =>
    communities.data?.nodes.find((row) => row.communityId === communityId)?.identity.name;

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    const input = webhookInput({
      url: String(form.get('url') ?? ''),
      events: form.getAll('events').map(String),
      communityId: String(form.get('communityId') ?? ''),
    });
    setCreated(undefined);
    void action
      .run(async (client) => {
        const payload = await mutate(client, CREATE_WEBHOOK, { ...input, idempotencyKey: idempotencyKey() });
        if (payload.secret) setCreated({ url: input.url, secret: payload.secret });
        return 'Webhook created: copy its signing secret now, it is not shown again.';
      })
      .then((ok) => {
        if (!ok) return;
        target.reset();
        webhooks.reload();
      });
  };
  const remove = (webhook: WebhookRow) =>
    void action
      .run(async (client) => {
        await mutate(client, DELETE_WEBHOOK, { id: webhook.id, idempotencyKey: idempotencyKey() });
        if (open === webhook.id) setOpen(undefined);
        return `Webhook to ${webhook.url} deleted, with its delivery log.`;
      })
      .then((ok) => ok && webhooks.reload());

  const list = webhooks.data ?? [];
  const opened = list.find((webhook) => webhook.id === open);
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="muted">
        Signed POSTs of the platform&apos;s events to your endpoints, retried until they are answered.
      </p>
      <Problems problems={webhooks.problems} />
      <Problems problems={action.problems} />
      <Done text={action.done} />
      {created ? (
        <p className="panel" data-new-webhook>
          Signing secret of {created.url}: <code data-new-webhook-secret>{created.secret}</code>
        </p>
      ) : null}
      {webhooks.data && list.length === 0 ? <p>No webhook yet.</p> : null}
      {list.length > 0 ? (
        <RowsTable columns={['URL', 'Events', 'Community', 'Created', 'Actions']} busy={webhooks.loading}>
          {list.map((webhook) => (
            <tr key={webhook.id} data-webhook={webhook.url}>
              <td>
                <code>{webhook.url}</code>
                {webhook.active ? '' : ' (inactive)'}
              </td>
              <td>{eventsLabel(webhook.events)}</td>
              <td>
                {webhook.communityId ? (
                  (nameOf(webhook.communityId) ?? <Key value={webhook.communityId} />)
                ) : (
                  <span className="muted">any</span>
                )}
              </td>
              <td>
                <Time value={webhook.createdAt} />
              </td>
              <td>
                <span className="actions">
                  <button
                    type="button"
                    aria-pressed={open === webhook.id}
                    aria-controls={open === webhook.id ? 'deliveries' : undefined}
                    onClick={() => setOpen(open === webhook.id ? undefined : webhook.id)}
                  >
                    Deliveries
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={action.pending}
                    onClick={() => remove(webhook)}
                    aria-label={`Delete the webhook to ${webhook.url}`}
                  >
                    Delete
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </RowsTable>
      ) : null}
      {opened ? <Deliveries key={opened.id} webhook={opened} /> : null}
      <form className="panel" onSubmit={create} aria-labelledby="new-webhook-title">
        <h2 id="new-webhook-title">New webhook</h2>
        <label>
          URL
          <input name="url" type="url" required placeholder="https://" aria-describedby="webhook-url-hint" />
        </label>
        <p id="webhook-url-hint" className="hint">
          http(s); private and loopback addresses are refused unless this deployment allows them.
        </p>
        <label>
          Community
          <select name="communityId" defaultValue="">
            <option value="">any</option>
            {(communities.data?.nodes ?? []).map((community) => (
              <option key={community.id} value={community.communityId}>
                {community.identity.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="choices">
          <legend>Events (none ticked: all of them)</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" name="events" value={type} /> {type.toLowerCase().replaceAll('_', ' ')}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.pending}>
          Create webhook
        </button>
      </form>
    </section>
  );
};

/** One webhook's delivery log, newest first, filtered by status and paged. */
const Deliveries = ({ webhook }: { webhook: WebhookRow }) => {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [after, setAfter] = useState<string | null>(null);
  const [list, setList] = useState<PagedList<DeliveryRow>>(emptyList());
  const page = useLoad(
    async (client) => {
      const { webhookDeliveries } = await client.request<{ webhookDeliveries: Connection<DeliveryRow> }>(
        WEBHOOK_DELIVERIES,
        { id: webhook.id, status: status || null, first: PAGE_SIZE, after },
      );
      setList((previous) =>
        appendPage(after === null ? emptyList() : previous, webhookDeliveries, (row) => row.id),
      );
      return webhookDeliveries;
    },
    [webhook.id, status, after],
  );
  return (
    <section
      id="deliveries"
      className="panel"
      aria-labelledby="deliveries-title"
      data-deliveries={webhook.id}
    >
      <h2 id="deliveries-title">Deliveries to {webhook.url}</h2>
      <div className="toolbar">
        <label>
          Status
          <select
            value={status}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setAfter(null);
              setStatus(isDeliveryStatus(value) ? value : '');
            }}
          >
            <option value="">all</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => (after === null ? page.reload() : setAfter(null))}>
          Refresh
        </button>
      </div>
      <Problems problems={page.problems} />
      {!page.loading && list.nodes.length === 0 ? (
        <p>No delivery{status ? ' with this status' : ''}.</p>
      ) : null}
      {list.nodes.length > 0 ? (
        <RowsTable columns={['Event', 'Status', 'Attempts', 'Last attempt', 'When']} busy={page.loading}>
          {list.nodes.map((delivery) => (
            <tr key={delivery.id} data-delivery={delivery.eventId} data-status={delivery.status}>
              <td>
                {delivery.eventType.toLowerCase().replaceAll('_', ' ')} <Key value={delivery.eventId} />
              </td>
              <td>{delivery.status.toLowerCase().replace('_', ' ')}</td>
              <td>{delivery.attempts}</td>
              <td>{lastAttemptText(delivery)}</td>
              <td>
                <Time value={delivery.createdAt} />
                {delivery.status === 'PENDING' && delivery.nextAttemptAt ? (
                  <>
                    {' '}
                    · next <Time value={delivery.nextAttemptAt} />
                  </>
                ) : null}
                {delivery.deliveredAt ? (
                  <>
                    {' '}
                    · delivered <Time value={delivery.deliveredAt} />
                  </>
                ) : null}
                {delivery.deadLetteredAt ? (
                  <>
                    {' '}
                    · given up <Time value={delivery.deadLetteredAt} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </RowsTable>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" onClick={() => setAfter(list.endCursor)} disabled={page.loading}>
          Older deliveries
        </button>
      ) : null}
    </section>
  );
};
