import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { waitFor } from '@status-communities/devnet';
import { startOwnPostgresReplica } from './postgres-replica.js';
import type { OwnPostgresReplica } from './postgres-replica.js';

describe('a PostgreSQL primary with a streaming replica of the test’s own', () => {
  let pair: OwnPostgresReplica;
  const clients: pg.Client[] = [];
  const connect = async (url: string): Promise<pg.Client> => {
    const client = new pg.Client(url);
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    pair = await startOwnPostgresReplica();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await pair.close();
  });

  it('streams what the primary commits to a read-only hot standby', async () => {
    const primary = await connect(pair.primaryUrl);
    const replica = await connect(pair.replicaUrl);
    expect((await replica.query('SELECT pg_is_in_recovery() AS standby')).rows).toEqual([{ standby: true }]);
    await primary.query('CREATE TABLE streamed (n int)');
    await primary.query('INSERT INTO streamed VALUES (1), (2)');
    await waitFor('the rows on the replica', async () => {
      const exists = await replica.query(`SELECT to_regclass('streamed') IS NOT NULL AS present`);
      if (exists.rows[0]?.present !== true) return false;
      return (await replica.query('SELECT count(*)::int AS n FROM streamed')).rows[0]?.n === 2;
    });
    await expect(replica.query('INSERT INTO streamed VALUES (3)')).rejects.toThrow(/read-only/);
  });
});
