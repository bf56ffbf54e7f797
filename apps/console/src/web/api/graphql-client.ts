import { ApiError, problemsOfGraphQLErrors } from './errors.js';

export type Variables = Record<string, unknown>;

export interface GraphQLClient {
  request<D>(query: string, variables?: Variables): Promise<D>;
}

interface GraphQLBody<D> {
  readonly data?: D | null;
  readonly errors?: readonly { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * Queries and mutations over HTTP with the key as a bearer token. Any GraphQL error becomes an ApiError with
 * the codes of `extensions.code`, so a partial answer is never shown as if it were whole.
 */
export const createGraphQLClient = (
  endpoint: string,
  key: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): GraphQLClient => ({
  request: async <D>(query: string, variables: Variables = {}) => {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    let body: GraphQLBody<D>;
    try {
      body = (await response.json()) as GraphQLBody<D>;
    } catch {
      throw new ApiError(
        [{ code: 'INTERNAL', message: `HTTP ${response.status} without a GraphQL answer` }],
        response.status,
      );
    }
    if (body.errors && body.errors.length > 0)
      throw new ApiError(problemsOfGraphQLErrors(body.errors), response.status);
    if (body.data === undefined || body.data === null)
      throw new ApiError([{ code: 'INTERNAL', message: 'No data in the answer' }], response.status);
    return body.data;
  },
});
