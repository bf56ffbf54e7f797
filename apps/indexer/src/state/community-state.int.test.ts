import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { createLogger } from '@status-communities/observability';
import { newKey, TestCommunity } from '@status-communities/testing';
import { Sql } from '../persistence/sql.js';
import { CommunityStates } from './community-state.js';

describe('community states', () => {
  let db: TestDatabase;
  let sql: Sql;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Sql(db.url, createLogger({ serviceName: 'indexer-test', level: 'silent' }));
  });
  afterAll(async () => {
    await sql.close();
    await db.drop();
  });

  it('re-reads a hosted community published after its clock moved, at the same clock', async () => {
    const community = new TestCommunity(newKey());
    community.clock = 7;
    const id = community.communityId;
    await db.prisma.community.create({
      data: {
        id,
        kind: 'HOSTED',
        clock: 7,
        lastPublishedClock: 7,
        descriptionRaw: community.storedDescription(),
      },
    });
    const states = new CommunityStates(sql);
    await states.refresh([id]);
    expect(states.get(id).model?.members.size).toBe(community.members.size);

    // The request handler accepts a member: the clock moves at once, the description comes with the publish.
    await db.prisma.community.update({ where: { id }, data: { clock: 8 } });
    await states.refresh([id]);
    expect(states.get(id)).toMatchObject({ clock: 8 });
    const member = newKey();
    community.addMember(member);
    community.clock = 8;
    await db.prisma.community.update({
      where: { id },
      data: { lastPublishedClock: 8, descriptionRaw: community.storedDescription() },
    });

    await states.refresh([id]);
    expect(states.get(id).model?.members.has(member.memberKey)).toBe(true);
  });
});
