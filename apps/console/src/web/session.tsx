import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ApiProblem } from './api/errors.js';
import { ApiError, problemsOf } from './api/errors.js';
import type { GraphQLClient } from './api/graphql-client.js';

export interface Viewer {
  readonly key: { readonly id: string; readonly name: string; readonly prefix: string };
  readonly tenant: { readonly name: string; readonly slug: string };
  readonly scopes: readonly string[];
}

/**
 * The signed-in key: its client, its WebSocket endpoint, and how to give it up. Who the key is comes apart
 * (useViewer): pages load their data while a kept key is checked, and its answer must not restart them.
 */
export interface Session {
  readonly client: GraphQLClient;
  readonly key: string;
  readonly wsUrl: string;
  /** Forgets the key; `problems` say why on the login page (a revoked key, say). */
  signOut(problems?: readonly ApiProblem[]): void;
}

export const SessionContext = createContext<Session | null>(null);

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
};

/** The signed-in key's own description; undefined while a key kept from earlier in the tab is checked again. */
export const ViewerContext = createContext<Viewer | undefined>(undefined);

export const useViewer = (): Viewer | undefined => useContext(ViewerContext);

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly problems: readonly ApiProblem[] | undefined;
  readonly loading: boolean;
  reload(): void;
}

/**
 * Data read from the API for a page; a refused key anywhere signs out at once, so the person is asked for a
 * new key instead of seeing every panel fail.
 */
export const useLoad = <T,>(
  load: (client: GraphQLClient) => Promise<T>,
  deps: readonly unknown[],
): Loaded<T> => {
  const session = useSession();
  const [state, setState] = useState<{ data?: T; problems?: readonly ApiProblem[]; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    loadRef.current(session.client).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => {
        if (!current) return;
        const problems = problemsOf(error);
        if (error instanceof ApiError && error.has('UNAUTHENTICATED')) session.signOut(problems);
        else setState({ problems, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [session.client, generation, ...deps]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, problems: state.problems, loading: state.loading, reload };
};

export interface Action {
  readonly pending: boolean;
  readonly problems: readonly ApiProblem[] | undefined;
  /** What the last success said, for a status line. */
  readonly done: string | undefined;
  run(what: (client: GraphQLClient) => Promise<string>): Promise<boolean>;
}

/** A button's request: pending while it runs, its problems or its success sentence after. */
export const useAction = (): Action => {
  const session = useSession();
  const [state, setState] = useState<{ pending: boolean; problems?: readonly ApiProblem[]; done?: string }>({
    pending: false,
  });
  const run = useCallback(
    async (what: (client: GraphQLClient) => Promise<string>) => {
      setState({ pending: true });
      try {
        const done = await what(session.client);
        setState({ pending: false, done });
        return true;
      } catch (error) {
        const problems = problemsOf(error);
        if (error instanceof ApiError && error.has('UNAUTHENTICATED')) session.signOut(problems);
        else setState({ pending: false, problems });
        return false;
      }
    },
    [session],
  );
  return { pending: state.pending, problems: state.problems, done: state.done, run };
};
