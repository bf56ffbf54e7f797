import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { COMMUNITY_EVENTS } from './api/documents.js';
import type { ApiProblem } from './api/errors.js';
import type { FeedEvent, FeedState } from './api/live-feed.js';
import { startResumableFeed } from './api/live-feed.js';
import { wsFeed } from './api/ws-feed.js';
import { useSession } from './session.js';

export type Listener = (event: FeedEvent) => void;

export interface LiveFeed {
  readonly state: FeedState;
  readonly problems: readonly ApiProblem[] | undefined;
  /** The latest events, newest first (at most 50), for the event list. */
  readonly recent: readonly FeedEvent[];
  listen(listener: Listener): () => void;
}

export const LiveContext = createContext<LiveFeed | null>(null);

export const useLive = (): LiveFeed => {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside a community page');
  return live;
};

/** Calls `onEvent` with every live event of the page's community while the component is shown. */
export const useLiveEvents = (onEvent: Listener) => {
  const live = useLive();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => live.listen((event) => handler.current(event)), [live.listen]);
};

/** One resumable `events` subscription per community page, shared by its tabs. */
export const useCommunityFeed = (communityId: string): LiveFeed =>
  useEventsFeed(COMMUNITY_EVENTS, { id: communityId }, communityId);

/**
 * A resumable subscription of `document` (an `events` field with `$after`) while the component is shown;
 * `identity` names the variables, so the subscription opens again only when they change.
 */
export const useEventsFeed = (
  document: string,
  variables: Record<string, unknown>,
  identity: string,
): LiveFeed => {
  const session = useSession();
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const [state, setState] = useState<{ state: FeedState; problems?: readonly ApiProblem[] }>({
    state: 'connecting',
  });
  const [recent, setRecent] = useState<readonly FeedEvent[]>([]);
  const listeners = useRef(new Set<Listener>());
  useEffect(() => {
    setRecent([]);
    const feed = startResumableFeed(
      wsFeed(session.wsUrl, session.key, document, variablesRef.current),
      {
        onEvent: (event) => {
          setRecent((previous) => [event, ...previous].slice(0, 50));
          for (const listener of listeners.current) listener(event);
        },
        onState: (next, problems) => {
          if (next === 'stopped' && problems?.some((problem) => problem.code === 'UNAUTHENTICATED'))
            session.signOut(problems);
          setState({ state: next, ...(problems ? { problems } : {}) });
        },
      },
      {
        setTimeout: (run, ms) => window.setTimeout(run, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      },
    );
    return () => feed.stop();
  }, [session, document, identity]);
  const [live] = useState(() => ({
    listen: (listener: Listener) => {
      listeners.current.add(listener);
      return () => void listeners.current.delete(listener);
    },
  }));
  return { state: state.state, problems: state.problems, recent, listen: live.listen };
};
