import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { VIEWER } from './api/documents.js';
import type { ApiProblem } from './api/errors.js';
import { problemsOf } from './api/errors.js';
import { createGraphQLClient } from './api/graphql-client.js';
import { sameOriginWsUrl } from './api/ws-url.js';
import { LoadFailure } from './components/LoadFailure.js';
import { Loading } from './components/Loading.js';
import { keyStorage } from './lib/key-storage.js';
import type { Route } from './lib/route.js';
import { parseRoute, routeHash } from './lib/route.js';
import { Login } from './pages/Login.js';
import { Bots, Communities, Community, Keys, Webhooks } from './pages/on-demand.js';
import type { Session, Viewer } from './session.js';
import { SessionContext, ViewerContext } from './session.js';

// The API is on the page's own origin: the console's server passes this path to it.
const ENDPOINT = '/graphql';
const storage = keyStorage(window.sessionStorage);

const NAV_NAMES = { bots: 'Bots', webhooks: 'Webhooks', keys: 'API keys' } as const;

const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};

type Auth =
  | { readonly state: 'out'; readonly reason?: readonly ApiProblem[] }
  // `viewer` is missing while a key kept from earlier in this tab is checked again: the pages already load.
  | { readonly state: 'in'; readonly key: string; readonly viewer?: Viewer };

/** Signed out: the key form. Signed in: the pages, every request with that key. */
export const App = () => {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>(() => {
    const key = storage.read();
    return key ? { state: 'in', key } : { state: 'out' };
  });
  const signOut = useCallback((reason?: readonly ApiProblem[]) => {
    storage.clear();
    setAuth({ state: 'out', ...(reason ? { reason } : {}) });
  }, []);
  // A kept key is checked again (it may have been revoked since) beside the page's own requests, not before
  // them: a refusal of either sends the person back to the key form.
  const checking = auth.state === 'in' && !auth.viewer ? auth.key : undefined;
  useEffect(() => {
    if (!checking) return;
    let current = true;
    createGraphQLClient(ENDPOINT, checking)
      .request<{ viewer: Viewer }>(VIEWER)
      .then(
        ({ viewer }) => current && setAuth({ state: 'in', key: checking, viewer }),
        (error: unknown) => current && signOut(problemsOf(error)),
      );
    return () => {
      current = false;
    };
  }, [checking, signOut]);
  const key = auth.state === 'in' ? auth.key : undefined;
  const session = useMemo<Session | null>(
    () =>
      key
        ? {
            client: createGraphQLClient(ENDPOINT, key),
            key,
            wsUrl: sameOriginWsUrl(window.location, ENDPOINT),
            signOut,
          }
        : null,
    [key, signOut],
  );
  const viewer = auth.state === 'in' ? auth.viewer : undefined;
  if (!session)
    return (
      <Login
        endpoint={ENDPOINT}
        reason={auth.state === 'out' ? auth.reason : undefined}
        onSignedIn={(key, viewer) => {
          storage.write(key);
          setAuth({ state: 'in', key, viewer });
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <ViewerContext.Provider value={viewer}>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="top">
          <nav aria-label="Console">
            <a
              href={routeHash({ page: 'communities' })}
              aria-current={route.page === 'communities' || route.page === 'community' ? 'page' : undefined}
            >
              Communities
            </a>
            {(['bots', 'webhooks', 'keys'] as const).map((page) => (
              <a
                key={page}
                href={routeHash({ page })}
                aria-current={route.page === page ? 'page' : undefined}
              >
                {NAV_NAMES[page]}
              </a>
            ))}
          </nav>
          <p className="who">
            {viewer ? (
              <>
                <span data-viewer-key>{viewer.key.name}</span> · {viewer.tenant.name}
              </>
            ) : (
              <span className="muted">checking the key…</span>
            )}
            <button type="button" onClick={() => signOut()}>
              Sign out
            </button>
          </p>
        </header>
        <main id="main">
          <LoadFailure>
            <Suspense fallback={<Loading what="the page" />}>
              <Page route={route} />
            </Suspense>
          </LoadFailure>
        </main>
      </ViewerContext.Provider>
    </SessionContext.Provider>
  );
};

const Page = ({ route }: { route: Route }) => {
  switch (route.page) {
    case 'communities':
      return <Communities />;
    case 'keys':
      return <Keys />;
    case 'bots':
      return <Bots />;
    case 'webhooks':
      return <Webhooks />;
    case 'community':
      return <Community key={route.communityId} communityId={route.communityId} tab={route.tab} />;
  }
};
