import { afterAll, beforeAll, jest } from '@jest/globals';
import { startOwnPostgresReplica, startOwnRedisCluster } from '@status-communities/testing';
import type { OwnPostgresReplica, OwnRedisCluster } from '@status-communities/testing';
import { communityStory } from './story.js';

// Six processes, a devnet, three Redis masters and two PostgreSQL servers on a busy 2-core machine.
jest.setTimeout(300_000);

let cluster: OwnRedisCluster | undefined;
let postgres: OwnPostgresReplica | undefined;
// Hooks run in the order they are registered: the stores are up before the story's services start, and
// stopped after they have exited.
beforeAll(async () => {
  [cluster, postgres] = await Promise.all([startOwnRedisCluster(), startOwnPostgresReplica()]);
}, 120_000);

// The same story, with the same checks, with every service on a 3-master Redis Cluster (redis+cluster://) and
// a PostgreSQL primary whose streaming replica serves the APIs' queries (DATABASE_READ_URL).
communityStory({
  name: 'Redis Cluster of 3 masters, PostgreSQL primary and streaming replica',
  redisUrl: () => {
    if (cluster === undefined) throw new Error('the cluster did not start');
    return cluster.url;
  },
  database: () => {
    if (postgres === undefined) throw new Error('the PostgreSQL pair did not start');
    return { serverUrl: postgres.primaryUrl, replicaServerUrl: postgres.replicaUrl };
  },
});

afterAll(async () => {
  await cluster?.close();
  await postgres?.close();
});
