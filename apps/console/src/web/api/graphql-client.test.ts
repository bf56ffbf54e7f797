import { describe, expect, it } from '@jest/globals';
import { runCommand } from './commands.js';
import { ApiError } from './errors.js';
import { createGraphQLClient } from './graphql-client.js';

const answering = (status: number, body: unknown) => {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
};

describe('the GraphQL client', () => {
  it('posts the query with the key as a bearer token and returns data', async () => {
    const { calls, fetchImpl } = answering(200, { data: { ping: 'pong' } });
    const data = await createGraphQLClient('/graphql', 'sck_secret', fetchImpl).request('{ ping }', { a: 1 });
    expect(data).toEqual({ ping: 'pong' });
    expect(calls[0]?.url).toBe('/graphql');
    expect(calls[0]?.init.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer sck_secret',
    });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ query: '{ ping }', variables: { a: 1 } });
  });

  it('throws the codes of a refusal (401 UNAUTHENTICATED) with the HTTP status', async () => {
    const { fetchImpl } = answering(401, {
      errors: [{ message: 'Unknown, revoked or expired API key', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const failure = await createGraphQLClient('/graphql', 'old', fetchImpl)
      .request('{ viewer { scopes } }')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect((failure as ApiError).has('UNAUTHENTICATED')).toBe(true);
  });

  it('never shows a partial answer: data with errors is an error', async () => {
    const { fetchImpl } = answering(200, {
      data: { community: null },
      errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
    });
    await expect(createGraphQLClient('/graphql', 'k', fetchImpl).request('{ x }')).rejects.toMatchObject({
      problems: [{ code: 'FORBIDDEN', message: 'no' }],
    });
  });

  it('says INTERNAL when the answer is not GraphQL (a proxy error page)', async () => {
    const { fetchImpl } = answering(502, '<html>bad gateway</html>');
    await expect(createGraphQLClient('/graphql', 'k', fetchImpl).request('{ x }')).rejects.toMatchObject({
      status: 502,
      problems: [{ code: 'INTERNAL' }],
    });
  });

  it("turns a mutation's user errors into an ApiError and returns its command otherwise", async () => {
    const refused = answering(200, {
      data: {
        banMember: {
          command: null,
          userErrors: [{ code: 'NOT_FOUND', message: 'no member', field: ['input', 'memberKey'] }],
        },
      },
    });
    await expect(
      runCommand(createGraphQLClient('/g', 'k', refused.fetchImpl), 'mutation', {}),
    ).rejects.toMatchObject({
      problems: [{ code: 'NOT_FOUND', field: ['input', 'memberKey'] }],
    });
    const queued = answering(200, { data: { banMember: { command: { id: 'c1' }, userErrors: [] } } });
    const payload = await runCommand(createGraphQLClient('/g', 'k', queued.fetchImpl), 'mutation', {
      memberKey: 'm',
    });
    expect(payload.command).toEqual({ id: 'c1' });
    expect(JSON.parse(String(queued.calls[0]?.init.body)).variables).toEqual({ input: { memberKey: 'm' } });
  });
});
