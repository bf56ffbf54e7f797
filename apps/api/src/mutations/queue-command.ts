import type { z } from 'zod';
import { withCorrelation } from '@status-communities/observability';
import { enqueue } from '@status-communities/queue';
import type { QueueName, TypedQueue } from '@status-communities/queue';
import type { JobData } from '@status-communities/queue';
import type { ApiContext } from '../context.js';
import type { UserErrorValue } from './user-errors.js';
import { userErrorsOf } from './user-errors.js';

export interface PendingCommandValue {
  readonly id: string;
  readonly queue: string;
  readonly type: string;
}

export interface CommandPayloadValue {
  readonly command?: PendingCommandValue | null;
  readonly userErrors: UserErrorValue[];
}

/** The fields every command carries: its id as correlation id (events it causes carry it), and who asked. */
export const commandBase = (context: ApiContext, commandId: string) => ({
  correlationId: commandId,
  actor: `api-key:${context.caller.keyId}`,
});

/**
 * Validates a command with the consuming service's own schema and queues it under `commandId` (a retry with
 * the same idempotency key adds no second job). A refusal becomes user errors on the input.
 */
export const queueCommand = async <N extends QueueName>(
  context: ApiContext,
  queue: TypedQueue<N>,
  schema: z.ZodType<JobData<N>>,
  command: { type: string; correlationId: string } & Record<string, unknown>,
): Promise<CommandPayloadValue> => {
  const parsed = schema.safeParse(command);
  if (!parsed.success) return { command: null, userErrors: userErrorsOf(parsed.error.issues) };
  const queued = await enqueue(queue, parsed.data, { jobId: command.correlationId });
  // The schema above is the queue's own (or a member of its union): a refusal here is a bug.
  if (!queued.ok) throw queued.error;
  context.services.metrics.commands.inc({ queue: queue.name, type: command.type });
  // The first line of a command's trail: the services that handle it log the same correlation id.
  withCorrelation(context.services.logger, command.correlationId).info(
    { queue: queue.name, type: command.type, actor: context.caller.keyId },
    'command queued',
  );
  return { command: { id: command.correlationId, queue: queue.name, type: command.type }, userErrors: [] };
};
