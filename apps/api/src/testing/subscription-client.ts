import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received {
  readonly data: Record<string, Record<string, unknown>> | null | undefined;
  readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/** A graphql-ws client over a real WebSocket, with the key in connection_init as the API expects. */
export const connectClient = (wsUrl: string, key: string): Client =>
  createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });

/** Subscribes and keeps every result; `completed` is set when the server ends the subscription. */
export const subscribe = (client: Client, query: string, variables: Record<string, unknown> = {}) => {
  const results: Received[] = [];
  const state = { completed: false, error: undefined as unknown };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (result) => results.push(result as Received),
      error: (error) => {
        state.error = error;
        state.completed = true;
      },
      complete: () => {
        state.completed = true;
      },
    },
  );
  return { results, state, stop };
};
