// The short CI version of two faults of the suite (`npm run chaos` runs them all): the platform as processes
// on a devnet, on the shared Redis (a key prefix of its own) and a fresh database.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import { crashBothGateways, firstPosts } from './faults.js';
import type { ChaosSession } from './session.js';
import { startSession } from './session.js';
import { runWindow } from './window.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `chaos-${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let session: ChaosSession;

beforeAll(async () => {
  db = await createTestDatabase();
  session = await startSession({
    databaseUrl: db.url,
    redisUrl: REDIS_URL,
    redisKeyPrefix: prefix,
    ratePerSecond: 20,
  });
}, 150_000);

afterAll(async () => {
  await session?.stop();
  const redis = createRedisConnection(REDIS_URL);
  await deleteKeyspace(redis, prefix);
  await closeRedis(redis);
  await db?.drop();
});

describe('the platform under fault, while a member posts 20 a second', () => {
  // First: a mesh the gateway fault broke would refuse these posts for another reason.
  it("keeps every one of a newly accepted member's first posts", async () => {
    const { result } = await runWindow(session.context, firstPosts(20), 1, {
      steadyPosts: 10,
      quietMs: 20_000,
    });
    expect({ ...result.tally, problems: result.problems }).toMatchObject({
      lost: 0,
      duplicated: 0,
      problems: [],
    });
  }, 90_000);

  it('loses no post when both gateways are killed together and start again 5 s later', async () => {
    const { result } = await runWindow(session.context, crashBothGateways, 10_001, { quietMs: 20_000 });
    expect({ ...result.tally, problems: result.problems }).toMatchObject({
      lost: 0,
      duplicated: 0,
      problems: [],
    });
  }, 90_000);
});
