import { useCallback, useEffect, useMemo, useState } from 'react';
import { VIEWER } from './api/documents.js';
import type { ApiProblem } from './api/errors.js';
import { problemsOf } from './api/errors.js';
import { createGraphQLClient } from './api/graphql-client.js';
import { sameOriginWsUrl } from './api/ws-feed.js';
import { keyStorage } from './lib/key-storage.js';
import type { Route } from './lib/route.js';
import { parseRoute, routeHash } from './lib/route.js';
import { Bots } from './pages/Bots.js';
import { Communities } from './pages/Communities.js';
import { Community } from './pages/Community.js';
import { Keys } from './pages/Keys.js';
import { Login } from './pages/Login.js';
import { Webhooks } from './pages/Webhooks.js';
import type { Session, Viewer } from './session.js';
import { SessionContext } from './session.js';

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
  | { readonly state: 'checking'; readonly key: string }
  | { readonly state: 'out'; readonly reason?: readonly ApiProblem[] }
  | { readonly state: 'in'; readonly key: string; readonly viewer: Viewer };

/** Signed out: the key form. Signed in: the pages, every request with that key. */
export const App = () => {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>(() => {
    const key = storage.read();
    return key ? { state: 'checking', key } : { state: 'out' };
  });
  const signOut = useCallback((reason?: readonly ApiProblem[]) => {
    storage.clear();
    setAuth({ state: 'out', ...(reason ? { reason } : {}) });
  }, []);
  // A key kept from earlier in this tab is checked again: it may have been revoked since.
  useEffect(() => {
    if (auth.state !== 'checking') return;
    createGraphQLClient(ENDPOINT, auth.key)
      .request<{ viewer: Viewer }>(VIEWER)
      .then(
        ({ viewer }) => setAuth({ state: 'in', key: auth.key, viewer }),
        (error: unknown) => signOut(problemsOf(error)),
      );
  }, [auth, signOut]);
  const session = useMemo<Session | null>(
    () =>
      auth.state === 'in'
        ? {
            client: createGraphQLClient(ENDPOINT, auth.key),
            key: auth.key,
            wsUrl: sameOriginWsUrl(window.location, ENDPOINT),
            viewer: auth.viewer,
            signOut,
          }
        : null,
    [auth, signOut],
  );
  if (auth.state === 'checking') return <p className="login">Checking the key…</p>;
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
            <a key={page} href={routeHash({ page })} aria-current={route.page === page ? 'page' : undefined}>
              {NAV_NAMES[page]}
            </a>
          ))}
        </nav>
        <p className="who">
          <span data-viewer-key>{session.viewer.key.name}</span> · {session.viewer.tenant.name}
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </p>
      </header>
      <main id="main">
        <Page route={route} />
      </main>
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
