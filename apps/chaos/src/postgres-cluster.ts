import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@status-communities/testing';

const run = promisify(execFile);
const INSTALLS = '/usr/lib/postgresql';

/** A PostgreSQL cluster of the suite's own (initdb + pg_ctl), so it can be restarted; never the shared one. */
export interface OwnPostgres {
  /** Server URL (database `postgres`, trust auth). */
  readonly url: string;
  /** Immediate stop, as a crash: no checkpoint, so the next start recovers from the WAL. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  stop(): Promise<void>;
}

/** The newest installed version's bin directory, or PG_BIN. */
const binDirectory = async (): Promise<string> => {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const versions = (await readdir(INSTALLS)).filter((name) => /^\d+$/.test(name)).map(Number);
  if (versions.length === 0) throw new Error(`no PostgreSQL under ${INSTALLS} (set PG_BIN)`);
  return join(INSTALLS, String(Math.max(...versions)), 'bin');
};

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user. */
const asOwner = (command: string, args: readonly string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];

const runAsOwner = async (command: string, args: readonly string[]): Promise<void> => {
  await run(...asOwner(command, args));
};

const ownerIds = async (): Promise<{ uid: number; gid: number } | undefined> => {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

/** A fresh cluster in a temporary directory on a free port of 127.0.0.1, started and accepting connections. */
export const startOwnPostgres = async (): Promise<OwnPostgres> => {
  const bin = await binDirectory();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'chaos-postgres-'));
  const data = join(dir, 'data');
  const owner = await ownerIds();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const pgCtl = (...args: string[]) => runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-w', ...args]);
  await runAsOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  // fsync off: a process crash keeps what the OS holds; the suite restarts the server, not the machine.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const start = () => pgCtl('-l', join(dir, 'postgres.log'), '-o', options, 'start');
  // pg_ctl's server runs in a session of its own, out of reach of the Ctrl-C that ends the suite.
  const stopOnExit = () => {
    try {
      execFileSync(...asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
        stdio: 'ignore',
      });
    } catch {
      // Already stopped.
    }
  };
  process.once('exit', stopOnExit);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    crash: () => pgCtl('-m', 'immediate', 'stop'),
    start,
    stop: async () => {
      process.off('exit', stopOnExit);
      await pgCtl('-m', 'fast', 'stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
};
