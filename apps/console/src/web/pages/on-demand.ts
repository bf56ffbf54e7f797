import { lazy } from 'react';

// Each page is a chunk of its own, fetched the first time it is shown: the first load parses the shell (key
// form, layout, routes, GraphQL client) and the one page it opens on, not the whole console.
export const Communities = lazy(async () => ({ default: (await import('./Communities.js')).Communities }));
export const Community = lazy(async () => ({ default: (await import('./Community.js')).Community }));
export const Bots = lazy(async () => ({ default: (await import('./Bots.js')).Bots }));
export const Webhooks = lazy(async () => ({ default: (await import('./Webhooks.js')).Webhooks }));
export const Keys = lazy(async () => ({ default: (await import('./Keys.js')).Keys }));
