// The ingest path's own connection pool. Prisma 7 spends about half a millisecond of CPU on every query
// (its query interpreter, on top of the pg driver it wraps), more on large parameters, which at a dozen
// statements per batch cost more main-thread time than decoding. Batches are written with plain SQL on the
// pg driver instead, against the same schema; everything else keeps using the Prisma client.
import pg from 'pg';
import type { Logger } from '@status-communities/observability';

export type SqlClient = pg.ClientBase;

export class Sql {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, logger: Logger, max = 4) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max });
    // An idle connection dropped by the server emits here; without a listener it would end the process.
    this.pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  }

  query<R extends pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, [...values]);
  }

  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      // A connection that cannot even roll back is closed rather than reused.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
