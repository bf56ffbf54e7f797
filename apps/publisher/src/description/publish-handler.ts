import { keccak256 } from '@status-communities/crypto';
import { prismaSql, rollUpMembership } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { CommunityDescriptionDiff, CommunityDescriptionModel } from '@status-communities/protocol';
import {
  buildCommunityDescription,
  diffCommunityDescriptions,
  readCommunityDescription,
  unwrapApplicationMessage,
  validateCommunityDescription,
} from '@status-communities/protocol';
import type { PublishDescriptionJob } from '@status-communities/queue';
import {
  PermanentJobError,
  enqueueOutbound,
  orFailPermanently,
  toOutboundMessages,
} from '@status-communities/queue';
import type { PublisherContext } from '../context.js';
import type { PublishState } from '../state.js';
import { loadPublishState } from '../store.js';
import { descriptionInput } from './description-input.js';
import { encodeDescription } from './encode-description.js';
import { prepareEncryptedPublish } from './encrypted-publish.js';

/** What one publish job did. */
export type PublishOutcome =
  | {
      readonly published: true;
      readonly clock: number;
      readonly messageId: string;
      /** Size of the signed ApplicationMetadataMessage. */
      readonly bytes: number;
      readonly segments: number;
      /** waku.outbound jobs added (description on every shard, shard info). */
      readonly outbound: number;
    }
  | { readonly published: false; readonly reason: 'published-already' | 'not-due' };

/** The description last published, as a receiver reads it (for the change list of the event). */
const readPublished = (
  applicationMessage: Uint8Array | null,
  communityId: string,
): CommunityDescriptionModel | undefined => {
  if (!applicationMessage) return undefined;
  const amm = unwrapApplicationMessage(applicationMessage);
  if (!amm.ok) return undefined;
  const proto = decodeProto(status.CommunityDescription, amm.value.payload);
  if (!proto.ok) return undefined;
  const model = readCommunityDescription(proto.value, communityId);
  return model.ok ? model.value : undefined;
};

/** Names of what changed, for `community.updated`: `members.joined`, `identity.displayName`, `tags`… */
export const changeNames = (diff: CommunityDescriptionDiff): string[] => {
  const lists: [string, readonly unknown[]][] = [
    ['members.joined', diff.membersJoined],
    ['members.removed', diff.membersRemoved],
    ['members.banned', diff.membersBanned],
    ['members.unbanned', diff.membersUnbanned],
    ['members.roles', diff.roleChanges],
    ['channels.added', diff.channelsAdded],
    ['channels.removed', diff.channelsRemoved],
    ['channels.changed', diff.channelsChanged],
    ['categories.added', diff.categoriesAdded],
    ['categories.removed', diff.categoriesRemoved],
    ['categories.changed', diff.categoriesChanged],
    ['tokenPermissions.added', diff.tokenPermissionsAdded],
    ['tokenPermissions.removed', diff.tokenPermissionsRemoved],
    ['tokenPermissions.changed', diff.tokenPermissionsChanged],
  ];
  const flags: [string, boolean][] = [
    ['tags', diff.tagsChanged],
    ['introMessage', diff.introMessageChanged],
    ['outroMessage', diff.outroMessageChanged],
    ['adminSettings.pinMessageAllMembersEnabled', diff.pinMessageAllMembersChanged],
  ];
  return [
    ...diff.identityChanged.map((field) => `identity.${field}`),
    ...diff.permissionsChanged.map((field) => `permissions.${field}`),
    ...lists.filter(([, list]) => list.length > 0).map(([name]) => name),
    ...flags.filter(([, changed]) => changed).map(([name]) => name),
  ];
};

/** Nothing to do: a change already published (coalesced jobs), or a scheduled publish made moot by a newer one. */
const skipReason = (
  state: PublishState,
  job: PublishDescriptionJob,
  nowMs: number,
  republishIntervalMs: number,
): 'published-already' | 'not-due' | undefined => {
  if (state.lastPublishedClock !== state.community.clock) return undefined;
  if (job.reason !== 'scheduled') return 'published-already';
  const last = state.lastPublishedAt?.getTime();
  return last !== undefined && nowMs - last < republishIntervalMs ? 'not-due' : undefined;
};

/** The description signed (and its private parts sealed, for an encrypted community), ready to go out. */
const signDescription = async (
  context: PublisherContext,
  state: PublishState,
  job: PublishDescriptionJob,
  now: number,
) => {
  const { settings } = context;
  const input = descriptionInput(state);
  const plain = buildCommunityDescription(input);
  orFailPermanently(validateCommunityDescription(plain));
  const key = orFailPermanently(await context.keyring.open(state.community.keyId));
  const stopTimer = context.metrics.encodeSeconds.startTimer();
  try {
    const prepared = orFailPermanently(
      await prepareEncryptedPublish({
        groupKeys: context.groupKeys,
        communityId: job.communityId,
        communityKey: key.reveal(),
        description: plain,
        lastPublished: state.lastDescription,
        installationId: settings.installationId,
        profile: settings.shardProfile,
        nowMs: now,
        rekeyIntervalMs: settings.rekeyIntervalMs,
      }),
    );
    const built = orFailPermanently(
      encodeDescription({
        input,
        communityKey: key.reveal(),
        shard: state.community.shard,
        profile: settings.shardProfile,
        maxSegmentBytes: settings.maxSegmentBytes,
        description: prepared.description,
        ...(prepared.protocolLayer && { protocolLayer: prepared.protocolLayer }),
      }),
    );
    return { plain, prepared, built };
  } finally {
    key.wipe();
    stopTimer();
  }
};

type Signed = Awaited<ReturnType<typeof signDescription>>;

/** What changed since the description last published; undefined for the first and for a re-advertisement. */
const changesSincePublished = (
  state: PublishState,
  communityId: string,
  { plain, prepared }: Signed,
): CommunityDescriptionDiff | undefined => {
  // The plain description: what members read once they decrypt it.
  const next = readCommunityDescription(plain, communityId);
  // The description passed validation before it was signed, so reading it back cannot fail.
  if (!next.ok) throw next.error;
  const previous =
    state.lastPublishedClock === state.community.clock
      ? undefined
      : (prepared.previous ?? readPublished(state.lastDescription, communityId));
  return previous ? diffCommunityDescriptions(previous, next.value) : undefined;
};

/**
 * The published clock, raw description, snapshot, member roll-up and the events' outbox rows, in one
 * transaction; the outbox row it wrote, to append.
 */
const recordPublished = (
  context: PublisherContext,
  state: PublishState,
  job: PublishDescriptionJob,
  now: number,
  { built, prepared }: Signed,
  diff: CommunityDescriptionDiff | undefined,
) => {
  const { clock } = state.community;
  const { applicationMessage } = built;
  const memberCount = state.members.length;
  return context.prisma.$transaction(async (tx) => {
    // Never moves back: a slower publish of an older clock leaves the newer record alone.
    await tx.community.updateMany({
      where: {
        id: job.communityId,
        OR: [{ lastPublishedClock: null }, { lastPublishedClock: { lte: clock } }],
      },
      data: {
        lastPublishedClock: clock,
        lastPublishedAt: new Date(now),
        descriptionRaw: new Uint8Array(applicationMessage),
        memberCount,
      },
    });
    const row = await context.outbox.write(prismaSql(tx), [
      {
        type: 'community.updated',
        communityId: job.communityId,
        occurredAt: now,
        correlationId: job.correlationId,
        clock: String(clock),
        memberCount,
        changes: diff ? changeNames(diff) : [],
      },
      ...(prepared.rotated
        ? [
            {
              type: 'keys.rotated' as const,
              communityId: job.communityId,
              occurredAt: now,
              correlationId: job.correlationId,
              clock: String(clock),
              groups: [...prepared.rotated.groups],
              reason: prepared.rotated.reason,
            },
          ]
        : []),
    ]);
    const snapshot = await tx.descriptionSnapshot.createMany({
      data: {
        communityId: job.communityId,
        clock,
        memberCount,
        raw: new Uint8Array(applicationMessage),
        rawHash: new Uint8Array(keccak256(applicationMessage)),
      },
      skipDuplicates: true,
    });
    // Members over time, as the indexer rolls them up for a watched community: it finds a hosted one's
    // description already stored at this clock and adds nothing. Once per clock, with its snapshot.
    if (snapshot.count > 0)
      await rollUpMembership(prismaSql(tx), {
        communityId: job.communityId,
        atMs: now,
        memberCount,
        joined: diff?.membersJoined.length ?? 0,
        left: diff?.membersRemoved.length ?? 0,
      });
    return row;
  });
};

/** Metrics and the log line of a publish. */
const reportPublished = (
  context: PublisherContext,
  job: PublishDescriptionJob,
  clock: number,
  { built, prepared }: Signed,
  outbound: number,
): void => {
  const { metrics } = context;
  const { applicationMessage, messages, shardInfoMessages } = built;
  metrics.publishes.inc({ reason: job.reason });
  metrics.descriptionBytes.observe(applicationMessage.length);
  metrics.descriptionSegments.observe(built.segments);
  metrics.outbound.inc({ kind: 'description' }, messages.length);
  if (shardInfoMessages.length > 0) metrics.outbound.inc({ kind: 'shard_info' }, shardInfoMessages.length);
  if (prepared.keyExchanges > 0) metrics.outbound.inc({ kind: 'key_exchange' }, prepared.keyExchanges);
  if (prepared.kicks > 0) metrics.outbound.inc({ kind: 'user_kicked' }, prepared.kicks);
  context.logger.info(
    {
      communityId: job.communityId,
      correlationId: job.correlationId,
      reason: job.reason,
      clock,
      bytes: applicationMessage.length,
      segments: built.segments,
      outbound,
      keyExchanges: prepared.keyExchanges,
      ...(prepared.rotated && { keysRotated: prepared.rotated.groups }),
    },
    'description published',
  );
};

/**
 * Publishes a hosted community's description as stored now, whatever the job says changed: the clock is the
 * stored one (bumped by the change, with status-go's rule), so a publish after a crash, a retry or the
 * re-advertisement sends exactly the state of the database. Order: waku.outbound jobs (ids fixed per job and
 * clock, so a retry adds nothing twice), then the published clock, snapshot, raw description and the
 * `community.updated` event's outbox row in one transaction, then the event's append (or, after a crash, the
 * outbox sweep's).
 */
export const publishDescription = async (
  context: PublisherContext,
  job: PublishDescriptionJob,
  jobId: string,
): Promise<PublishOutcome> => {
  const now = context.clock();
  const state = await loadPublishState(context.prisma, job.communityId);
  if (!state)
    throw new PermanentJobError(ErrorCode.NOT_FOUND, 'no such hosted community', {
      communityId: job.communityId,
    });
  const skip = skipReason(state, job, now, context.settings.republishIntervalMs);
  if (skip) {
    context.metrics.publishSkipped.inc({ reason: skip });
    return { published: false, reason: skip };
  }

  const signed = await signDescription(context, state, job, now);
  const { clock } = state.community;
  const { built, prepared } = signed;
  const outbound = toOutboundMessages(
    [...built.messages, ...built.shardInfoMessages, ...prepared.direct],
    now,
    job.correlationId,
  );
  const queued = await enqueueOutbound(
    context.outboundQueue,
    outbound,
    `description-${job.communityId}-${clock}-${jobId}`,
  );
  if (!queued.ok) throw queued.error;

  const diff = changesSincePublished(state, job.communityId, signed);
  const outboxRow = await recordPublished(context, state, job, now, signed, diff);
  if (outboxRow) await context.outbox.publish([outboxRow]);
  reportPublished(context, job, clock, signed, outbound.length);
  return {
    published: true,
    clock,
    messageId: built.messageId,
    bytes: built.applicationMessage.length,
    segments: built.segments,
    outbound: outbound.length,
  };
};
