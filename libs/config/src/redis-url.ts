/**
 * Where a service's Redis is. One variable (`REDIS_URL`) names either a single server or a Redis Cluster, so
 * every service, the launcher, docker-compose and the k8s manifests pass the same one value and a deployment
 * can never name both:
 *
 * - `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS): one server (or a Sentinel-less primary);
 * - `redis+cluster://[user:password@]host:port,host:port,…` or `rediss+cluster://…`: seed nodes of a Redis
 *   Cluster. Any one reachable seed is enough (the client reads the slot map from it); naming several lets a
 *   service start while one of them is down. A cluster has no database number, so no path is allowed.
 */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly { readonly host: string; readonly port: number }[];
      readonly tls: boolean;
      readonly username?: string;
      readonly password?: string;
    };

export const REDIS_URL_RULE =
  'must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port,… (rediss+cluster:// for TLS)';

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/;

const parseNode = (text: string): { host: string; port: number } | undefined => {
  const match = NODE.exec(text.trim());
  if (match === null) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
};

const decoded = (text: string | undefined): string | undefined =>
  text === undefined || text === '' ? undefined : decodeURIComponent(text);

/** The target a Redis URL names, or undefined when it is neither form above. */
export const parseRedisUrl = (text: string): RedisTarget | undefined => {
  const cluster = CLUSTER_URL.exec(text);
  if (cluster !== null) {
    const nodes = (cluster[4] as string).split(',').map(parseNode);
    if (nodes.some((node) => node === undefined)) return undefined;
    const username = decoded(cluster[2]);
    const password = decoded(cluster[3]);
    return {
      kind: 'cluster',
      nodes: nodes as { host: string; port: number }[],
      tls: cluster[1] === 'rediss',
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
    };
  }
  if (!URL.canParse(text)) return undefined;
  const { protocol, hostname } = new URL(text);
  return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== ''
    ? { kind: 'single', url: text }
    : undefined;
};
