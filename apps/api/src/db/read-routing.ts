/** Which PostgreSQL an operation reads from. */
export type ReadPool = 'primary' | 'replica';

/**
 * Why it went there (the `reason` label of `api_db_operations_total`):
 * - `no-replica`: DATABASE_READ_URL is unset;
 * - `write`: a mutation (it writes, and its payload must show what it wrote) or a subscription (its events
 *   name rows written a moment before, and it lives long);
 * - `recent-write`: a query of a tenant that made a mutation within DATABASE_READ_AFTER_WRITE_MS
 *   (read-your-writes, also across API instances);
 * - `replica-lagging`, `replica-unknown`: the replica is behind by more than DATABASE_READ_MAX_LAG_MS, or its
 *   lag could not be measured lately (down, promoted, unreachable);
 * - `replica`: a query the replica serves.
 */
export type RouteReason =
  'no-replica' | 'write' | 'recent-write' | 'replica-lagging' | 'replica-unknown' | 'replica';

export interface Route {
  readonly pool: ReadPool;
  readonly reason: RouteReason;
}

/** What the lag monitor last knew of the replica. */
export type ReplicaHealth = 'caught-up' | 'lagging' | 'unknown';

export interface RouteInput {
  /** `query`, `mutation`, `subscription`; undefined when the document does not parse (it will be refused). */
  readonly operation: 'query' | 'mutation' | 'subscription' | undefined;
  readonly replicaConfigured: boolean;
  readonly replica: ReplicaHealth;
  /** Whether the caller's tenant made a mutation within the read-your-writes window. */
  readonly recentWrite: boolean;
}

/** Anything not provably a plain query of a tenant with no recent write, on a replica that keeps up, reads the primary. */
export const routeOperation = (input: RouteInput): Route => {
  if (!input.replicaConfigured) return { pool: 'primary', reason: 'no-replica' };
  if (input.operation !== 'query') return { pool: 'primary', reason: 'write' };
  if (input.recentWrite) return { pool: 'primary', reason: 'recent-write' };
  if (input.replica === 'lagging') return { pool: 'primary', reason: 'replica-lagging' };
  if (input.replica === 'unknown') return { pool: 'primary', reason: 'replica-unknown' };
  return { pool: 'replica', reason: 'replica' };
};
