// What the commands from the API (request.decide, member.kick, member.ban, member.unban) share: the
// community's row lock, the audit row of the decision, and refusals that fail the job at once.
import type { Prisma } from '@status-communities/db';
import { prismaSql, writeAudit } from '@status-communities/db';
import type { Result, StatusError } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { CommunityRequestJob, OutboxRow } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';
import type { Effects } from './effects.js';
import { applyEffects } from './effects.js';
import type { EventOrigin } from './events.js';
import type { JobOutcome } from './outcome.js';
import { commandRefused, recordRefusal } from './outcome.js';
import type { HostedCommunity } from './store/hosted-community.js';
import { lockHostedCommunity, readHostedCommunity } from './store/hosted-community.js';

export type Command = Exclude<CommunityRequestJob, { type: 'request.inbound' | 'request.respond' }>;

export interface CommandScope {
  readonly tx: Prisma.TransactionClient;
  readonly community: HostedCommunity;
  readonly nowMs: number;
  readonly at: Date;
  readonly origin: EventOrigin;
}

export interface CommandDecision {
  readonly result: JobOutcome;
  readonly effects: Effects;
  /** The audit action (e.g. `request.accept`); the command's type when absent. */
  readonly action?: string;
}

/** The command as the audit log keeps it: its fields without the actor (a column of its own). */
const auditInput = (command: Command): Prisma.InputJsonObject => {
  const { actor: _actor, ...rest } = command;
  return rest;
};

/**
 * Runs a command's decision under the community's row lock, audits it in the same transaction, then
 * applies its effects. A refusal is audited and fails the job permanently with its ErrorCode.
 */
export const runCommand = async (
  context: RequestHandlerContext,
  command: Command,
  decide: (scope: CommandScope) => Promise<Result<CommandDecision>>,
): Promise<JobOutcome> => {
  const nowMs = context.clock();
  const decided = await context.prisma.$transaction(
    async (
      tx,
    ): Promise<
      Result<CommandDecision & { community: HostedCommunity; outboxRow: OutboxRow | undefined }>
    > => {
      const community = await lockHostedCommunity(tx, command.communityId);
      if (!community)
        return fail(ErrorCode.NOT_FOUND, 'not a hosted community', { reason: 'unknown-community' });
      const origin = { communityId: community.id, occurredAt: nowMs, correlationId: command.correlationId };
      const decision = await decide({ tx, community, nowMs, at: new Date(nowMs), origin });
      if (!decision.ok) return decision;
      if (decision.value.result.outcome !== 'unchanged')
        await writeAudit(tx, {
          tenantId: community.tenantId,
          communityId: community.id,
          actor: command.actor,
          action: decision.value.action ?? command.type,
          input: auditInput(command),
          result: ok(undefined),
        });
      const outboxRow = await context.outbox.write(prismaSql(tx), decision.value.effects.events);
      return ok({ ...decision.value, community, outboxRow });
    },
  );
  if (!decided.ok) return refuse(context, command, decided.error);
  const { result, effects, community, outboxRow } = decided.value;
  await applyEffects(context, community, effects, command.correlationId, outboxRow);
  context.metrics.handled.inc({ type: command.type, outcome: result.outcome });
  context.logger.info(
    { type: command.type, communityId: community.id, ...result, correlationId: command.correlationId },
    'command handled',
  );
  return result;
};

const refuse = async (
  context: RequestHandlerContext,
  command: Command,
  error: StatusError,
): Promise<never> => {
  const community = await readHostedCommunity(context.prisma, command.communityId);
  const outcome = await recordRefusal(
    context,
    {
      type: command.type,
      tenantId: community?.tenantId ?? null,
      communityId: command.communityId,
      actor: command.actor,
      action: command.type,
      input: auditInput(command),
    },
    error,
    command.correlationId,
  );
  throw commandRefused(outcome, error.message);
};
