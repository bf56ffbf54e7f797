import { afterAll, beforeAll, jest } from '@jest/globals';
import { startOwnRedisCluster } from '@status-communities/testing';
import type { OwnRedisCluster } from '@status-communities/testing';
import { communityStory } from './story.js';

// Six processes, a devnet and three Redis masters on a busy 2-core machine.
jest.setTimeout(300_000);

let cluster: OwnRedisCluster | undefined;
// Hooks run in the order they are registered: the cluster is up before the story's services start, and
// stopped after they have exited.
beforeAll(async () => {
  cluster = await startOwnRedisCluster();
});

// The same story, with the same checks, with every service on a 3-master Redis Cluster (redis+cluster://).
communityStory({
  name: 'Redis Cluster of 3 masters',
  redisUrl: () => {
    if (cluster === undefined) throw new Error('the cluster did not start');
    return cluster.url;
  },
});

afterAll(async () => {
  await cluster?.close();
});
