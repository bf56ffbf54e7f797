import type { Job } from 'bullmq';
import { hexToBytesOrThrow, publicKeyToCompressedHex } from '@status-communities/crypto';
import type { Prisma } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import { nextDescriptionClock } from '@status-communities/protocol';
import type { CommunityCommand, JobData, QueueName } from '@status-communities/queue';
import { PermanentJobError, announceRoutesChanged } from '@status-communities/queue';
import type { PublisherContext } from '../context.js';
import { requestPublish } from '../description/request-publish.js';
import { applyChange, imageRows, loadActiveMember, lockCommunityState } from '../store.js';
import { decide } from './decide.js';
import type { EditCommand } from './decide.js';
import { checkIdentity, checkImages, storedTags } from './rules.js';

type CreateCommand = Extract<CommunityCommand, { type: 'community.create' }>;
type CommandJob = Job<JobData<typeof QueueName.COMMUNITY_COMMANDS>, unknown, string>;

/** What a handled command did. */
export interface CommandOutcome {
  readonly communityId: string;
  /** The community's clock after the command. */
  readonly clock: number;
  /** False when the state already was what the command asked (a retried job, a repeated command). */
  readonly changed: boolean;
}

// New communities start at clock 1 and take the next clock at once. SG communities/manager.go CreateCommunity.
const INITIAL_CLOCK = 1;

/** The command as the audit log keeps it: image bytes replaced by their sizes, the actor in its own column. */
const auditInput = (command: CommunityCommand, changes?: readonly string[]): Prisma.InputJsonObject => {
  const { actor: _actor, ...rest } = command;
  const input = JSON.parse(
    JSON.stringify(rest, (key, value: unknown) =>
      key === 'images' && Array.isArray(value)
        ? (value as { kind: string; payload: string }[]).map((image) => ({
            kind: image.kind,
            bytes: Buffer.byteLength(image.payload, 'base64'),
          }))
        : value,
    ),
  ) as Prisma.InputJsonObject;
  return changes ? { ...input, changes: [...changes] } : input;
};

/** A refusal: audited and counted, then the job fails without retries. */
const refuse = async (
  context: PublisherContext,
  command: CommunityCommand,
  error: StatusError,
  at: { tenantId: string | null; communityId: string | null },
): Promise<never> => {
  await writeAudit(context.prisma, {
    ...at,
    actor: command.actor,
    action: command.type,
    input: auditInput(command),
    result: fail(error.code, error.message),
  });
  context.metrics.commands.inc({ type: command.type, result: error.code });
  context.logger.warn(
    { command: command.type, correlationId: command.correlationId, err: error },
    'command refused',
  );
  throw new PermanentJobError(error.code, error.message, error.details);
};

/**
 * A command that edits a hosted community: under the community's row lock, decide on the stored state,
 * write the change with the next clock and the audit line, then ask for a publish. An unchanged state still
 * asks for one: the attempt that made the change may have stopped before asking.
 */
export const handleEditCommand = async (
  context: PublisherContext,
  command: EditCommand,
): Promise<CommandOutcome> => {
  const now = context.clock();
  let tenantId: string | null = null;
  const outcome = await context.prisma.$transaction(async (tx): Promise<Result<CommandOutcome>> => {
    const state = await lockCommunityState(tx, command.communityId);
    if (!state)
      return fail(ErrorCode.NOT_FOUND, 'no such hosted community', { communityId: command.communityId });
    tenantId = state.community.tenantId;
    const member =
      command.type === 'member.set-roles'
        ? await loadActiveMember(tx, command.communityId, command.memberKey)
        : null;
    const decided = decide(command, { ...state, member });
    if (!decided.ok) return decided;
    if (decided.value.kind === 'unchanged')
      return ok({ communityId: command.communityId, clock: state.community.clock, changed: false });
    const { change } = decided.value;
    const clock = nextDescriptionClock(state.community.clock, now);
    await applyChange(tx, state, change, clock, command.actor, new Date(now));
    await writeAudit(tx, {
      tenantId,
      communityId: command.communityId,
      actor: command.actor,
      action: command.type,
      input: auditInput(command, change.summary),
      result: ok(undefined),
    });
    return ok({ communityId: command.communityId, clock, changed: true });
  });
  if (!outcome.ok)
    return refuse(context, command, outcome.error, { tenantId, communityId: command.communityId });
  await requestPublish(context, {
    communityId: command.communityId,
    reason: 'changed',
    correlationId: command.correlationId,
  });
  context.metrics.commands.inc({
    type: command.type,
    result: outcome.value.changed ? 'changed' : 'unchanged',
  });
  return outcome.value;
};

/**
 * Creates a hosted community under a new key (generated into the keyring) or an imported one (`keyId`).
 * The generated key's id is written back into the job before the community exists, so a retry reuses it
 * instead of creating a second community. The owner member is the community key itself: the platform is
 * the control node. SG communities/manager.go CreateCommunity.
 */
export const handleCreateCommand = async (
  context: PublisherContext,
  command: CreateCommand,
  job: CommandJob,
): Promise<CommandOutcome> => {
  const tenant = await context.prisma.tenant.findUnique({ where: { id: command.tenantId } });
  // The audit row names the tenant only when it exists (the column is a foreign key).
  if (!tenant)
    return refuse(context, command, new StatusError(ErrorCode.NOT_FOUND, 'no such tenant'), {
      tenantId: null,
      communityId: null,
    });
  const at = { tenantId: command.tenantId, communityId: null };
  const identity = checkIdentity(command.identity);
  if (!identity.ok) return refuse(context, command, identity.error, at);
  const images = checkImages(command.identity.images);
  if (!images.ok) return refuse(context, command, images.error, at);

  let keyId = command.keyId;
  if (keyId === undefined) {
    const generated = await context.keyring.generate('COMMUNITY_KEY', command.tenantId, {
      actor: command.actor,
    });
    if (!generated.ok) throw generated.error;
    keyId = generated.value.id;
    await job.updateData({ ...command, keyId });
  }
  const entry = await context.keyring.entry(keyId);
  if (!entry.ok) return refuse(context, command, entry.error, at);
  if (entry.value.purpose !== 'COMMUNITY_KEY' || entry.value.tenantId !== command.tenantId)
    return refuse(
      context,
      command,
      new StatusError(ErrorCode.FORBIDDEN, "the key is not a community key of the command's tenant", {
        keyId,
      }),
      at,
    );
  const communityId = publicKeyToCompressedHex(hexToBytesOrThrow(entry.value.publicKey));

  const now = context.clock();
  const created = await context.prisma.$transaction(async (tx): Promise<Result<CommandOutcome>> => {
    const existing = await tx.community.findUnique({ where: { id: communityId } });
    if (existing) {
      if (existing.kind === 'HOSTED' && existing.keyId === keyId)
        return ok({ communityId, clock: Number(existing.clock), changed: false });
      return fail(ErrorCode.CONFLICT, 'a community with this key already exists', { communityId });
    }
    const clock = nextDescriptionClock(INITIAL_CLOCK, now);
    await tx.community.create({
      data: {
        id: communityId,
        kind: 'HOSTED',
        tenantId: command.tenantId,
        keyId,
        name: command.identity.displayName,
        description: command.identity.description,
        color: command.identity.color,
        emoji: command.identity.emoji,
        tags: storedTags(command.identity.tags),
        access: command.permissions.access,
        ensOnly: command.permissions.ensOnly,
        encrypted: command.permissions.encrypted ?? false,
        introMessage: command.identity.introMessage,
        outroMessage: command.identity.outroMessage,
        clock,
        memberCount: 1,
      },
    });
    await tx.communityImage.createMany({ data: imageRows(communityId, images.value) });
    const joinedAt = new Date(now);
    await tx.member.create({
      data: { communityId, memberKey: entry.value.publicKey, roles: ['OWNER'], joinedAt },
    });
    await tx.memberEvent.create({
      data: {
        communityId,
        memberKey: entry.value.publicKey,
        type: 'JOINED',
        roles: ['OWNER'],
        clock,
        at: joinedAt,
        actor: command.actor,
      },
    });
    await writeAudit(tx, {
      tenantId: command.tenantId,
      communityId,
      actor: command.actor,
      action: command.type,
      input: auditInput({ ...command, keyId }),
      result: ok(undefined),
    });
    return ok({ communityId, clock, changed: true });
  });
  if (!created.ok) return refuse(context, command, created.error, { ...at, communityId });
  // The indexer routes a community's topics only once it knows it: without this, requests to join and the
  // first description could arrive before its next periodic reload and be dropped as unrouted.
  await announceRoutesChanged(context.redis, context.prefix);
  await requestPublish(context, { communityId, reason: 'changed', correlationId: command.correlationId });
  context.metrics.commands.inc({
    type: command.type,
    result: created.value.changed ? 'changed' : 'unchanged',
  });
  context.logger.info({ communityId, correlationId: command.correlationId }, 'community created');
  return created.value;
};
