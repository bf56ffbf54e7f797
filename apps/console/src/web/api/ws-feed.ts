import { createClient } from 'graphql-ws';
import { classifyFeedFailure } from './feed-failure.js';
import type { FeedEvent, OpenFeed } from './live-feed.js';

/**
 * OpenFeed over graphql-ws: one WebSocket per opening, the key as the `authorization` connection parameter,
 * no retries of its own (the resumable feed reopens from its last eventId instead).
 */
export const wsFeed =
  (url: string, key: string, query: string, variables: Record<string, unknown>): OpenFeed =>
  (after, sink) => {
    const client = createClient({
      url,
      connectionParams: { authorization: `Bearer ${key}` },
      lazy: true,
      retryAttempts: 0,
      on: { connected: () => sink.connected() },
    });
    let done = false;
    const unsubscribe = client.subscribe<Record<string, FeedEvent>>(
      { query, variables: { ...variables, after: after ?? null } },
      {
        next: (result) => {
          if (result.errors && result.errors.length > 0) {
            const failure = classifyFeedFailure(result.errors);
            sink.error(failure.problems, failure.fatal);
            return;
          }
          const event = result.data ? Object.values(result.data)[0] : undefined;
          if (event) sink.next(event);
        },
        error: (error) => {
          if (done) return;
          const failure = classifyFeedFailure(error);
          sink.error(failure.problems, failure.fatal);
        },
        complete: () => {
          if (!done) sink.complete();
        },
      },
    );
    return () => {
      done = true;
      unsubscribe();
      void client.dispose();
    };
  };
