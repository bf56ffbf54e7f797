// Apart from ws-feed: the shell needs the address at once, graphql-ws only once a live page opens.
/** ws(s)://host/graphql of the page's own origin: the console's server passes it to the API. */
export const sameOriginWsUrl = (location: { protocol: string; host: string }, path: string): string =>
  `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
