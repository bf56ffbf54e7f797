import type { Job } from 'bullmq';
import { z } from 'zod';
import { Prisma } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import type { KeyPurpose, KeyringEntry } from '@status-communities/keyring';
import type { BotMessageCommand, JobData, QueueName } from '@status-communities/queue';
import { PermanentJobError, announceRoutesChanged } from '@status-communities/queue';
import type { PublisherContext } from '../context.js';

type BotJob = Job<JobData<typeof QueueName.BOT_MESSAGES>, unknown, string>;
export type CreateIdentityCommand = Extract<BotMessageCommand, { type: 'identity.create' }>;

/** The identity a command made: public halves only (job return values are stored in Redis). */
export interface IdentityOutcome {
  readonly identityId: string;
  readonly publicKey: string;
  readonly walletAddress: string | null;
}

/**
 * Keyring ids of the keys generated so far, kept in the job's progress as each is made: the keyring writes
 * outside the identity's transaction (it takes no transaction client), so a retry after a crash reuses them
 * instead of generating more.
 */
const GeneratedKeysSchema = z.object({
  identityKeyId: z.string().optional(),
  walletKeyId: z.string().optional(),
});
type GeneratedKeys = z.infer<typeof GeneratedKeysSchema>;

const identityIncludingWallet = { wallet: { select: { publicKey: true } } } as const;

const outcomeOf = (row: {
  id: string;
  publicKey: string;
  wallet: { publicKey: string | null } | null;
}): IdentityOutcome => ({
  identityId: row.id,
  publicKey: row.publicKey,
  walletAddress: row.wallet?.publicKey ?? null,
});

const madeBy = (context: PublisherContext, command: CreateIdentityCommand) =>
  context.prisma.identity.findUnique({
    where: { createdByCommand: command.correlationId },
    include: identityIncludingWallet,
  });

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** The key this job generated on an earlier attempt, or a new one recorded in the job before it is used. */
const keyFor = async (
  context: PublisherContext,
  command: CreateIdentityCommand,
  job: BotJob,
  keys: GeneratedKeys,
  field: keyof GeneratedKeys,
  purpose: KeyPurpose,
): Promise<KeyringEntry> => {
  const earlier = keys[field];
  if (earlier !== undefined) {
    const entry = await context.keyring.entry(earlier);
    if (entry.ok) return entry.value;
  }
  const generated = await context.keyring.generate(purpose, command.tenantId, { actor: command.actor });
  if (!generated.ok) throw generated.error;
  keys[field] = generated.value.id;
  await job.updateProgress({ ...keys });
  return generated.value;
};

/**
 * `identity.create`: a bot identity of the tenant with an IDENTITY_KEY (and a WALLET_KEY when asked)
 * generated in the keyring, its row and its audit row in one transaction. The row carries the command's
 * correlation id (unique), so a job run again — a retry after a crash, or the same command queued twice —
 * answers with the identity already made.
 */
export const handleCreateIdentity = async (
  context: PublisherContext,
  command: CreateIdentityCommand,
  job: BotJob,
): Promise<IdentityOutcome> => {
  const { actor: _actor, ...auditable } = command;
  const done = (row: Parameters<typeof outcomeOf>[0], result: 'created' | 'existing') => {
    context.metrics.botMessages.inc({ type: command.type, result });
    const outcome = outcomeOf(row);
    context.logger.info({ ...outcome, result, correlationId: command.correlationId }, 'bot identity ready');
    return outcome;
  };

  const existing = await madeBy(context, command);
  if (existing) return done(existing, 'existing');

  const tenant = await context.prisma.tenant.findUnique({ where: { id: command.tenantId } });
  if (!tenant) {
    const error = new StatusError(ErrorCode.NOT_FOUND, 'no such tenant', { tenantId: command.tenantId });
    // The audit row names the tenant only when it exists (the column is a foreign key).
    await writeAudit(context.prisma, {
      tenantId: null,
      communityId: null,
      actor: command.actor,
      action: command.type,
      input: auditable,
      result: fail(error.code, error.message),
    });
    context.metrics.botMessages.inc({ type: command.type, result: error.code });
    context.logger.warn({ correlationId: command.correlationId, err: error }, 'identity.create refused');
    throw new PermanentJobError(error.code, error.message, error.details);
  }

  const earlier = GeneratedKeysSchema.safeParse(job.progress);
  const keys: GeneratedKeys = earlier.success ? { ...earlier.data } : {};
  const key = await keyFor(context, command, job, keys, 'identityKeyId', 'IDENTITY_KEY');
  const wallet = command.withWallet
    ? await keyFor(context, command, job, keys, 'walletKeyId', 'WALLET_KEY')
    : null;

  try {
    const created = await context.prisma.$transaction(async (tx) => {
      const row = await tx.identity.create({
        data: {
          tenantId: command.tenantId,
          publicKey: key.publicKey,
          displayName: command.displayName,
          keyId: key.id,
          walletKeyId: wallet?.id ?? null,
          createdByCommand: command.correlationId,
        },
        include: identityIncludingWallet,
      });
      await writeAudit(tx, {
        tenantId: command.tenantId,
        communityId: null,
        actor: command.actor,
        action: command.type,
        input: { ...auditable, publicKey: key.publicKey, walletAddress: wallet?.publicKey ?? null },
        result: ok(undefined),
      });
      return row;
    });
    // The indexer routes each bot's partitioned topic to the publisher (member keys): a new one is routed now.
    await announceRoutesChanged(context.redis, context.prefix);
    return done(created, 'created');
  } catch (error) {
    // The same command run by two jobs at once: the first to commit made the identity.
    const winner = isUniqueViolation(error) ? await madeBy(context, command) : null;
    if (!winner) throw error;
    return done(winner, 'existing');
  }
};
