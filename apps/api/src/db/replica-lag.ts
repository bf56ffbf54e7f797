import type { PrismaClient } from '@status-communities/db';
import type { Logger, Metrics } from '@status-communities/observability';
import { raceTimeout, TIMED_OUT } from '@status-communities/observability';
import type { ReplicaHealth } from './read-routing.js';

/** One measurement of how far the replica is behind the primary. */
export interface ReplicaLag {
  readonly health: ReplicaHealth;
  /** Upper bound of the replica's staleness; 0 once it has replayed everything the primary had written. */
  readonly seconds?: number;
  /** WAL the replica has yet to replay. */
  readonly bytes?: number;
  /** Why the lag is unknown. */
  readonly problem?: string;
}

export interface ReplicaLagMonitor {
  /** What the last measurement said, or `unknown` once it is older than three intervals. */
  health(): ReplicaHealth;
  /** Measures now (the timer calls it too) and returns what it found. */
  measure(): Promise<ReplicaLag>;
  close(): void;
}

export interface ReplicaLagOptions {
  readonly primary: PrismaClient;
  readonly replica: PrismaClient;
  readonly maxLagMs: number;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Unix ms (tests move time). */
  readonly clock?: () => number;
}

interface ReplicaRow {
  readonly standby: boolean;
  readonly behind: number | null;
  readonly since: number | null;
}

/**
 * Takes the primary's WAL position, then asks the replica how much of it it has yet to replay: none means it is
 * caught up (lag 0, however long the primary has been idle — which is where pg_last_xact_replay_timestamp()
 * alone would report a growing lag). Otherwise the time since the last transaction it replayed bounds how stale
 * its data is: whatever it has not replayed committed after that.
 */
const measureOnce = async (
  primary: PrismaClient,
  replica: PrismaClient,
  maxLagMs: number,
): Promise<ReplicaLag> => {
  const [position] = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  if (position === undefined) return { health: 'unknown', problem: 'the primary named no WAL position' };
  const [row] = await replica.$queryRaw<ReplicaRow[]>`
    SELECT pg_is_in_recovery() AS standby,
           pg_wal_lsn_diff(${position.lsn}::pg_lsn, pg_last_wal_replay_lsn())::float8 AS behind,
           EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS since`;
  // A promoted replica no longer follows the primary: whatever it serves drifts away from what is written.
  if (row === undefined || !row.standby || row.behind === null)
    return { health: 'unknown', problem: 'DATABASE_READ_URL is not a standby in recovery' };
  if (row.behind <= 0) return { health: 'caught-up', seconds: 0, bytes: 0 };
  if (row.since === null) return { health: 'unknown', bytes: row.behind, problem: 'nothing replayed yet' };
  const seconds = Math.max(0, row.since);
  return { health: seconds * 1_000 > maxLagMs ? 'lagging' : 'caught-up', seconds, bytes: row.behind };
};

/**
 * Measures the replica's lag every `intervalMs` and logs each change of health (lagging and unknown at warn,
 * caught up at info). Gauges: `api_db_replica_lag_seconds`, `api_db_replica_lag_bytes` and
 * `api_db_replica_usable` (1 while queries may read from it).
 */
export const startReplicaLagMonitor = (options: ReplicaLagOptions): ReplicaLagMonitor => {
  const { primary, replica, maxLagMs, intervalMs, logger, metrics } = options;
  const clock = options.clock ?? Date.now;
  const lagSeconds = metrics.gauge({
    name: 'api_db_replica_lag_seconds',
    help: 'How stale the read replica (DATABASE_READ_URL) is at most, by the last measurement',
  });
  const lagBytes = metrics.gauge({
    name: 'api_db_replica_lag_bytes',
    help: 'WAL the read replica has yet to replay, by the last measurement',
  });
  const usable = metrics.gauge({
    name: 'api_db_replica_usable',
    help: '1 while queries may read from the replica (lag measured and within DATABASE_READ_MAX_LAG_MS)',
  });
  usable.set(0);
  let last: { lag: ReplicaLag; at: number } | undefined;
  let running: Promise<ReplicaLag> | undefined;

  const record = (lag: ReplicaLag) => {
    const before = last?.lag.health;
    last = { lag, at: clock() };
    if (lag.seconds !== undefined) lagSeconds.set(lag.seconds);
    if (lag.bytes !== undefined) lagBytes.set(lag.bytes);
    usable.set(lag.health === 'caught-up' ? 1 : 0);
    if (lag.health === before) return;
    const fields = { lagSeconds: lag.seconds, lagBytes: lag.bytes, maxLagMs, problem: lag.problem };
    if (lag.health === 'caught-up') logger.info(fields, 'read replica caught up: queries read from it');
    else if (lag.health === 'lagging')
      logger.warn(fields, 'read replica lagging: queries read from the primary');
    else logger.warn(fields, 'read replica lag unknown: queries read from the primary');
  };

  const measure = (): Promise<ReplicaLag> =>
    (running ??= (async () => {
      try {
        const lag = await raceTimeout(measureOnce(primary, replica, maxLagMs), Math.max(intervalMs, 1_000));
        record(lag === TIMED_OUT ? { health: 'unknown', problem: 'the measurement timed out' } : lag);
      } catch (error) {
        record({ health: 'unknown', problem: error instanceof Error ? error.message : String(error) });
      } finally {
        running = undefined;
      }
      return (last as { lag: ReplicaLag }).lag;
    })());

  const timer = setInterval(() => void measure(), intervalMs);
  timer.unref();
  return {
    health: () => {
      if (last === undefined || clock() - last.at > 3 * intervalMs) return 'unknown';
      return last.lag.health;
    },
    measure,
    close: () => clearInterval(timer),
  };
};
