// The rows a batch of requests to join reads and writes, each kind in one statement whatever the batch's size:
// a batch under the community's row lock costs a handful of queries instead of a dozen per request.
import type { Prisma } from '@status-communities/db';
import type { MemberPermissionOutcome } from '@status-communities/protocol';
import { channelRightsJson, rolesOf } from '../permissions/join-gate.js';
import type { PreparedJoin, RequesterRows } from '../requests/join-decision.js';
import type { HostedCommunity } from './hosted-community.js';
import { countPendingRequests, requestRowData } from './requests-to-join.js';
import type { RequestDecisionRecord } from './requests-to-join.js';

export interface JoinBatchRows {
  /** Each requester's rows, by requester key. */
  readonly rows: ReadonlyMap<string, RequesterRows>;
  readonly memberCount: number;
  readonly pendingCount: number;
}

/** Every requester's request, member row and ban, and the community's counts, as stored now. */
export const loadJoinBatchRows = async (
  tx: Prisma.TransactionClient,
  communityId: string,
  joins: readonly PreparedJoin[],
): Promise<JoinBatchRows> => {
  const keys = joins.map((join) => join.requesterKey);
  // One connection runs a transaction's statements one after another: awaited in turn.
  const requests = await tx.requestToJoin.findMany({
    where: { id: { in: joins.map((join) => join.requestId) } },
  });
  const members = await tx.member.findMany({
    where: { communityId, memberKey: { in: keys } },
    select: { memberKey: true, state: true, roles: true, lastUpdateClock: true },
  });
  const bans = await tx.ban.findMany({
    where: { communityId, memberKey: { in: keys } },
    select: { memberKey: true, deleteAllMessages: true },
  });
  const memberCount = await tx.member.count({ where: { communityId, state: 'ACTIVE' } });
  const pendingCount = await countPendingRequests(tx, communityId);
  const requestOf = new Map(requests.map((row) => [row.requesterKey, { ...row, clock: Number(row.clock) }]));
  const memberOf = new Map(
    members.map((row) => [row.memberKey, { ...row, lastUpdateClock: Number(row.lastUpdateClock) }]),
  );
  const banOf = new Map(bans.map((row) => [row.memberKey, { deleteAllMessages: row.deleteAllMessages }]));
  return {
    rows: new Map(
      keys.map((key) => [
        key,
        { request: requestOf.get(key) ?? null, member: memberOf.get(key), ban: banOf.get(key) },
      ]),
    ),
    memberCount,
    pendingCount,
  };
};

/** One decided request's writes, as the batch stores them. */
export interface JoinRowWrites {
  readonly join: PreparedJoin;
  /** Whether the requester had a request row, and a member row, when the batch read them. */
  readonly had: { readonly request: boolean; readonly member: boolean };
  readonly request: RequestDecisionRecord;
  /** Active from this clock, by `actor`, with the roles tokens grant. */
  readonly activate?: {
    readonly clock: number;
    readonly actor: string;
    readonly permissions: MemberPermissionOutcome | undefined;
  };
}

/**
 * Stores a batch's decisions: new request and member rows inserted together, rows that existed updated one by
 * one (a requester asking again, a member coming back: rare), the JOINED member events together, and the
 * community's clock and access once.
 */
export const writeJoinBatch = async (
  tx: Prisma.TransactionClient,
  before: HostedCommunity,
  after: HostedCommunity,
  writes: readonly JoinRowWrites[],
): Promise<void> => {
  if (after.clock !== before.clock || after.access !== before.access)
    await tx.community.update({
      where: { id: after.id },
      data: { clock: after.clock, ...(after.access === before.access ? {} : { access: after.access }) },
    });
  const requestRow = ({ join, request }: JoinRowWrites) => ({
    ...requestRowData({ requesterKey: join.requesterKey, request: join.request.request }, request),
    id: join.requestId,
    communityId: after.id,
  });
  const newRequests = writes.filter((write) => !write.had.request);
  if (newRequests.length > 0) await tx.requestToJoin.createMany({ data: newRequests.map(requestRow) });
  for (const write of writes.filter((write) => write.had.request)) {
    const { id: _id, communityId: _community, ...data } = requestRow(write);
    await tx.requestToJoin.update({ where: { id: write.join.requestId }, data });
  }

  const activated = writes.flatMap((write) =>
    write.activate ? [{ ...write, activate: write.activate }] : [],
  );
  const memberRow = ({ join, activate }: (typeof activated)[number]) => {
    const request = join.request.request;
    const at = new Date(join.nowMs);
    return {
      lastUpdateClock: activate.clock,
      joinedAt: at,
      roles: activate.permissions ? rolesOf(activate.permissions) : [],
      ...(activate.permissions ? { channelRights: channelRightsJson(activate.permissions) } : {}),
      ...(request.displayName ? { displayName: request.displayName } : {}),
      ...(request.ensName ? { ensName: request.ensName } : {}),
    };
  };
  const newMembers = activated.filter((write) => !write.had.member);
  if (newMembers.length > 0)
    await tx.member.createMany({
      data: newMembers.map((write) => ({
        communityId: after.id,
        memberKey: write.join.requesterKey,
        ...memberRow(write),
      })),
    });
  // A member who left or was kicked comes back with no roles but those the tokens grant.
  for (const write of activated.filter((write) => write.had.member))
    await tx.member.update({
      where: { communityId_memberKey: { communityId: after.id, memberKey: write.join.requesterKey } },
      data: { state: 'ACTIVE', leftAt: null, ...memberRow(write) },
    });
  if (activated.length > 0)
    await tx.memberEvent.createMany({
      data: activated.map(({ join, activate }) => ({
        communityId: after.id,
        memberKey: join.requesterKey,
        type: 'JOINED' as const,
        clock: activate.clock,
        at: new Date(join.nowMs),
        actor: activate.actor,
      })),
      // The unique key (community, member, type, clock) keeps a replay from adding another.
      skipDuplicates: true,
    });
};
