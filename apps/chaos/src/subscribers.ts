import type { Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sequenceOf } from './tally.js';

const MESSAGES_SUBSCRIPTION = `subscription ($id: String!) { events(filter: { communityId: $id }) {
  type ... on MessageAddedEvent { text } } }`;

/** A graphql-ws client reading every event of the community: the sequence numbers of the posts added. */
export const readingSubscriber = (wsUrl: string, apiKey: string, communityId: string) => {
  const received = new Set<number>();
  const errors: unknown[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
  });
  const stop = client.subscribe<{ events: { type: string; text?: string } }>(
    { query: MESSAGES_SUBSCRIPTION, variables: { id: communityId } },
    {
      next: ({ data }) => {
        const seq = data?.events.text === undefined ? undefined : sequenceOf(data.events.text);
        if (seq !== undefined) received.add(seq);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    close: async () => {
      stop();
      await client.dispose();
    },
  };
};

/**
 * A graphql-ws client that subscribes, reads the first event and then stops reading its socket while the
 * server keeps sending: what a frozen browser tab or a stuck consumer does to the API.
 */
export const stalledSubscriber = async (wsUrl: string, apiKey: string, communityId: string) => {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const raw = new Promise<Socket>((resolve) =>
    socket.once('upgrade', (response) => resolve(response.socket as Socket)),
  );
  const firstEvent = new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type === 'connection_ack')
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: MESSAGES_SUBSCRIPTION, variables: { id: communityId } },
          }),
        );
      if (message.type === 'next') resolve();
    });
  });
  socket.once('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${apiKey}` } })),
  );
  await firstEvent;
  (await raw).pause();
  return { close: () => socket.terminate() };
};
