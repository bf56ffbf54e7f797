import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode, StatusError, err, ok } from '@status-communities/errors';
import { writeAudit, writeAudits } from './audit-log.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

describe('writeAudit', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('records who asked for what and how it ended, also inside a transaction that is rolled back', async () => {
    await writeAudit(db.prisma, {
      tenantId: null,
      actor: 'scheduler',
      action: 'community.republish',
      communityId: null,
      input: { reason: 'due' },
      result: ok(undefined),
    });
    await writeAudit(db.prisma, {
      tenantId: null,
      actor: 'policy',
      action: 'request.refuse',
      communityId: null,
      input: { requester: '0x04ab' },
      result: err(new StatusError(ErrorCode.FORBIDDEN, 'banned')),
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await writeAudit(tx, {
          tenantId: null,
          actor: 'policy',
          action: 'request.accept',
          communityId: null,
          input: {},
          result: ok(undefined),
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const rows = await db.prisma.auditLogEntry.findMany({ orderBy: { id: 'asc' } });
    expect(
      rows.map(({ actor, action, input, result, errorCode }) => ({
        actor,
        action,
        input,
        result,
        errorCode,
      })),
    ).toEqual([
      {
        actor: 'scheduler',
        action: 'community.republish',
        input: { reason: 'due' },
        result: 'SUCCESS',
        errorCode: null,
      },
      {
        actor: 'policy',
        action: 'request.refuse',
        input: { requester: '0x04ab' },
        result: 'FAILURE',
        errorCode: 'FORBIDDEN',
      },
    ]);
  });
  it('writes a batch of rows in one statement, in order, and nothing for an empty batch', async () => {
    const before = await db.prisma.auditLogEntry.count();
    await writeAudits(db.prisma, []);
    expect(await db.prisma.auditLogEntry.count()).toBe(before);
    await writeAudits(db.prisma, [
      {
        tenantId: null,
        actor: '0x04aa',
        action: 'request.join',
        communityId: null,
        input: { n: 1 },
        result: ok(undefined),
      },
      {
        tenantId: null,
        actor: '0x04bb',
        action: 'request.join',
        communityId: null,
        input: { n: 2 },
        result: err(new StatusError(ErrorCode.INVALID_CLOCK, 'replayed')),
      },
    ]);
    const rows = await db.prisma.auditLogEntry.findMany({
      where: { action: 'request.join' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map(({ actor, input, result, errorCode }) => ({ actor, input, result, errorCode }))).toEqual([
      { actor: '0x04aa', input: { n: 1 }, result: 'SUCCESS', errorCode: null },
      { actor: '0x04bb', input: { n: 2 }, result: 'FAILURE', errorCode: 'INVALID_CLOCK' },
    ]);
  });
});
