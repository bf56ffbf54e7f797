import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { communityIdOf, directMessageReceived, memberJoined, memberKeyOf } from '../testing/domain-events.js';
import { CommunityDirectory } from './event-visibility.js';

const WATCHED = communityIdOf(31);
const UNKNOWN = communityIdOf(32);

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.community.create({ data: { id: WATCHED, kind: 'WATCHED' } });
});

afterAll(async () => {
  await db.drop();
});

describe('community owners known without waiting', () => {
  it('answers at once only after a read, for known and unknown communities alike', async () => {
    const directory = new CommunityDirectory(db.prisma);
    for (const event of [memberJoined(WATCHED, 1), memberJoined(UNKNOWN, 2)]) {
      expect(directory.knownOwnershipOf(event)).toBeUndefined();
      const read = await directory.ownershipOf(event);
      expect(directory.knownOwnershipOf(event)).toEqual({ ownership: read });
    }
    expect(directory.knownOwnershipOf(memberJoined(WATCHED, 3))).toEqual({
      ownership: { kind: 'WATCHED', tenantId: null },
    });
  });

  it('forgets what it knows when the entry expires', async () => {
    const directory = new CommunityDirectory(db.prisma, { knownTtlMs: 0 });
    await directory.ownershipOf(memberJoined(WATCHED, 1));
    expect(directory.knownOwnershipOf(memberJoined(WATCHED, 2))).toBeUndefined();
  });

  it('knows at once that a 1:1 event belongs to no community', () => {
    const directory = new CommunityDirectory(db.prisma);
    const event = directMessageReceived(
      '0190a1b2-0000-7000-8000-000000000001',
      memberKeyOf(1),
      memberKeyOf(2),
      1,
    );
    expect(directory.knownOwnershipOf(event)).toEqual({ ownership: undefined });
  });
});
