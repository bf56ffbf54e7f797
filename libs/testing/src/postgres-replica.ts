import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePortRange } from './free-ports.js';

const run = promisify(execFile);

/** A PostgreSQL primary and its streaming replica of a test's own, in one temporary directory. */
export interface OwnPostgresReplica {
  /** The primary's server URL (database `postgres`, trust auth). */
  readonly primaryUrl: string;
  /** The hot standby's, streaming from the primary (read-only). */
  readonly replicaUrl: string;
  /** Stops both (immediate) and deletes their directory. */
  close(): Promise<void>;
}

export interface OwnPostgresReplicaOptions {
  /** Directory of initdb, pg_ctl, pg_basebackup; default PG_BIN or the ones on PATH. */
  readonly bin?: string;
}

/** initdb and postgres refuse to run as root: as root, the clusters belong to the `postgres` user. */
const asOwner = (command: string, args: readonly string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];

const runAsOwner = async (command: string, args: readonly string[]): Promise<void> => {
  await run(...asOwner(command, args));
};

/**
 * initdb a primary on a free port of 127.0.0.1, start it, take a `pg_basebackup -R` of it (which writes the
 * standby's primary_conninfo and standby.signal) and start that as a hot standby on the next port. Neither
 * touches a shared server. fsync is off: the test restarts processes, not the machine.
 */
export const startOwnPostgresReplica = async (
  options: OwnPostgresReplicaOptions = {},
): Promise<OwnPostgresReplica> => {
  const tool = (name: string) => join(options.bin ?? process.env['PG_BIN'] ?? '', name);
  const port = await freePortRange(2);
  const dir = await mkdtemp(join(tmpdir(), 'pg-replica-'));
  if (process.getuid?.() === 0) {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    await chown(dir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const serverOptions = (serverPort: number) =>
    `-p ${serverPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (data: string, ...args: string[]) => runAsOwner(tool('pg_ctl'), ['-D', data, '-w', ...args]);
  const stopAll = () => {
    for (const data of [replica, primary]) {
      try {
        execFileSync(...asOwner(tool('pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
          stdio: 'ignore',
        });
      } catch {
        // Not started, or already stopped.
      }
    }
  };
  // pg_ctl's servers run in sessions of their own, out of reach of the Ctrl-C that ends the test run.
  process.once('exit', stopAll);
  try {
    await runAsOwner(tool('initdb'), [
      '-D',
      primary,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await pgCtl(primary, '-l', join(dir, 'primary.log'), '-o', serverOptions(port), 'start');
    await runAsOwner(tool('pg_basebackup'), [
      ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
      ...['-D', replica, '-R', '-X', 'stream', '--no-sync'],
    ]);
    await pgCtl(replica, '-l', join(dir, 'replica.log'), '-o', serverOptions(port + 1), 'start');
  } catch (error) {
    stopAll();
    process.off('exit', stopAll);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    primaryUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    replicaUrl: `postgresql://postgres@127.0.0.1:${port + 1}/postgres`,
    close: async () => {
      process.off('exit', stopAll);
      stopAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
