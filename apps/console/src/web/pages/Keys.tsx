import { useState } from 'react';
import type { FormEvent } from 'react';
import { idempotencyKey } from '../api/commands.js';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from '../api/documents.js';
import { ApiError } from '../api/errors.js';
import type { ApiProblem } from '../api/errors.js';
import { Time } from '../components/Key.js';
import { Done, Problems } from '../components/Problems.js';
import { RowsTable } from '../components/RowsTable.js';
import { useAction, useLoad, useViewer } from '../session.js';

interface KeyRow {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly communityId: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

const SCOPES = [
  'COMMUNITY_READ',
  'MESSAGES_READ',
  'MESSAGES_WRITE',
  'MODERATION_WRITE',
  'OWNER_CONTROL',
  'ADMIN',
];

interface Payload {
  readonly userErrors: readonly ApiProblem[];
  readonly secret?: string | null;
}

const mutate = async (run: () => Promise<Record<string, Payload>>): Promise<Payload> => {
  const payload = Object.values(await run())[0];
  if (!payload) throw new ApiError([{ code: 'INTERNAL', message: 'No payload in the answer' }], 200);
  if (payload.userErrors.length > 0) throw new ApiError(payload.userErrors, 200);
  return payload;
};

/** The tenant's API keys (an ADMIN key's view): create one, shown once; revoke one. */
export const Keys = () => {
  const viewer = useViewer();
  const keys = useLoad(async (client) => (await client.request<{ apiKeys: KeyRow[] }>(API_KEYS)).apiKeys, []);
  const action = useAction();
  const [secret, setSecret] = useState<string | undefined>();
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void action
      .run(async (client) => {
        const payload = await mutate(() =>
          client.request(CREATE_API_KEY, {
            input: {
              name: String(form.get('name')),
              scopes: SCOPES.filter((scope) => form.get(scope) === 'on'),
              idempotencyKey: idempotencyKey(),
            },
          }),
        );
        setSecret(payload.secret ?? undefined);
        return 'Key created: copy it now, it is not shown again.';
      })
      .then((ok) => ok && keys.reload());
  };
  const revoke = (key: KeyRow) =>
    void action
      .run(async (client) => {
        await mutate(() =>
          client.request(REVOKE_API_KEY, { input: { id: key.id, idempotencyKey: idempotencyKey() } }),
        );
        return `Key ${key.prefix}… revoked.`;
      })
      .then((ok) => ok && keys.reload());
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <Problems problems={keys.problems} />
      <Problems problems={action.problems} />
      <Done text={action.done} />
      {secret ? (
        <p className="panel">
          New key: <code data-new-secret>{secret}</code>
        </p>
      ) : null}
      <RowsTable columns={['Name', 'Prefix', 'Scopes', 'Last used', 'State']}>
        {(keys.data ?? []).map((key) => (
          <tr key={key.id} data-api-key={key.prefix}>
            <td>
              {key.name}
              {key.id === viewer?.key.id ? ' (this console)' : ''}
            </td>
            <td>
              <code>{key.prefix}</code>
            </td>
            <td>{key.scopes.join(', ')}</td>
            <td>
              <Time value={key.lastUsedAt} />
            </td>
            <td>
              {key.revokedAt ? (
                <>
                  revoked <Time value={key.revokedAt} />
                </>
              ) : (
                <button
                  type="button"
                  className="danger"
                  disabled={action.pending}
                  onClick={() => revoke(key)}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </RowsTable>
      <form className="panel" onSubmit={create} aria-labelledby="new-key-title">
        <h2 id="new-key-title">New key</h2>
        <label>
          Name <input name="name" required maxLength={64} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" name={scope} /> {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.pending}>
          Create key
        </button>
      </form>
    </section>
  );
};
