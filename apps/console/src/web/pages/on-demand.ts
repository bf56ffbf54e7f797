import { onDemand } from '../components/on-demand.js';
import type { Route } from '../lib/route.js';

// Each page is a chunk of its own, fetched the first time it is shown: the first load parses the shell (key
// form, layout, routes, GraphQL client) and the one page it opens on, not the whole console.
const pages = {
  communities: onDemand(async () => (await import('./Communities.js')).Communities),
  community: onDemand(async () => (await import('./Community.js')).Community),
  bots: onDemand(async () => (await import('./Bots.js')).Bots),
  webhooks: onDemand(async () => (await import('./Webhooks.js')).Webhooks),
  keys: onDemand(async () => (await import('./Keys.js')).Keys),
} satisfies Record<Route['page'], unknown>;

export const Communities = pages.communities.Component;
export const Community = pages.community.Component;
export const Bots = pages.bots.Component;
export const Webhooks = pages.webhooks.Component;
export const Keys = pages.keys.Component;

/** Fetches the page a URL opens on, to have it before the first render. */
export const loadPage = async (route: Route): Promise<void> => {
  await pages[route.page].load();
};
