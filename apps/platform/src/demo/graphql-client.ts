import { createClient } from 'graphql-ws/client';
import { WebSocket } from 'ws';
import { ErrorCode, StatusError } from '@status-communities/errors';

export interface GraphqlClientOptions {
  /** `http://…/graphql`; subscriptions use the same path over `ws://`. */
  readonly url: string;
  /** An API key (`sc_…`), sent as `Authorization: Bearer`. */
  readonly apiKey: string;
}

interface GraphqlError {
  readonly message: string;
  readonly extensions?: { readonly code?: string };
}

interface GraphqlResponse<T> {
  readonly data?: T;
  readonly errors?: readonly GraphqlError[];
}

/** A GraphQL error of the API, with its `extensions.code`. */
export class GraphqlRequestError extends StatusError {
  constructor(errors: readonly GraphqlError[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '),
      { codes: errors.map((error) => error.extensions?.code) },
    );
  }
}

const dataOf = <T>(response: GraphqlResponse<T>): T => {
  if (response.errors !== undefined && response.errors.length > 0)
    throw new GraphqlRequestError(response.errors);
  if (response.data === undefined) throw new GraphqlRequestError([{ message: 'no data in the response' }]);
  return response.data;
};

export interface GraphqlClient {
  /** A query or mutation over HTTP. */
  request<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** A subscription over graphql-ws: `onData` for every event until the returned function is called. */
  subscribe<T>(
    document: string,
    variables: Record<string, unknown>,
    onData: (data: T) => void,
    onError: (error: unknown) => void,
  ): () => void;
  close(): Promise<void>;
}

/** The two transports of the API: HTTP for queries and mutations, graphql-ws for subscriptions. */
export const createGraphqlClient = ({ url, apiKey }: GraphqlClientOptions): GraphqlClient => {
  const socket = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
  });
  return {
    request: async <T>(document: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: document, variables }),
      });
      return dataOf((await response.json()) as GraphqlResponse<T>);
    },
    subscribe: <T>(
      document: string,
      variables: Record<string, unknown>,
      onData: (data: T) => void,
      onError: (error: unknown) => void,
    ) =>
      socket.subscribe<T>(
        { query: document, variables },
        {
          next: (result) => {
            if (result.errors !== undefined) onError(new GraphqlRequestError(result.errors));
            else if (result.data != null) onData(result.data);
          },
          // graphql-ws reports GraphQL errors as an array, a closed socket as its close event.
          error: (error: unknown) =>
            onError(
              Array.isArray(error)
                ? new GraphqlRequestError(error as GraphqlError[])
                : error instanceof Error
                  ? error
                  : new Error(`subscription closed: ${JSON.stringify(error, ['code', 'reason'])}`),
            ),
          complete: () => {},
        },
      ),
    close: async () => {
      await socket.dispose();
    },
  };
};
