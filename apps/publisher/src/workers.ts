// The publisher's three workers and the sweep's schedule: each worker on a connection of its own, closed with
// the service after it finishes the jobs in hand.
import type { Metrics, ServiceScope } from '@status-communities/observability';
import type { CommunityCommand, ServiceStores, TypedQueue } from '@status-communities/queue';
import { QueueName, closeQueueResources, createWorker } from '@status-communities/queue';
import type { BotOutcome } from './bots/bot-handler.js';
import { handleBotCommand } from './bots/bot-handler.js';
import { isDirectCommand } from './bots/bot-message.js';
import type { IdentityOutcome } from './bots/identity-handler.js';
import { handleCreateIdentity } from './bots/identity-handler.js';
import type { MemberKeysOutcome } from './bots/member-keys/handler.js';
import { handleMemberKeys } from './bots/member-keys/handler.js';
import type { CommandOutcome } from './commands/command-handler.js';
import { handleCreateCommand, handleEditCommand } from './commands/command-handler.js';
import { handleRotateKeysCommand } from './commands/rotate-keys.js';
import type { PublisherConfig } from './config.js';
import type { PublisherContext } from './context.js';
import type { PublishOutcome } from './description/publish-handler.js';
import { publishDescription } from './description/publish-handler.js';
import type { SweepReport } from './description/sweep.js';
import type { DirectContext } from './direct/context.js';
import type { DirectReceivedOutcome } from './direct/receive.js';
import { handleDirectReceived } from './direct/receive.js';
import { handleDirectCommand } from './direct/send.js';

/** Id of the repeatable job that runs the publish sweep (one per deployment, whatever the replica count). */
const SWEEP_SCHEDULER_ID = 'publisher.publish-sweep';

export interface WorkerParts {
  readonly context: PublisherContext;
  /** The same context with the bots' 1:1 sessions and pre-keys. */
  readonly direct: DirectContext;
  readonly stores: ServiceStores;
  readonly metrics: Metrics;
  readonly sweep: () => Promise<SweepReport>;
}

export const startPublisherWorkers = (
  scope: ServiceScope,
  config: PublisherConfig,
  { context, direct, stores, metrics, sweep }: WorkerParts,
): void => {
  const options = (name: string, concurrency: number) => ({
    connection: stores.connection(name),
    prefix: config.REDIS_KEY_PREFIX,
    concurrency,
    serviceMetrics: metrics,
    onError: (error: Error) => scope.logger.error({ err: error, worker: name }, 'worker error'),
  });
  const workers = [
    createWorker<typeof QueueName.COMMUNITY_COMMANDS, CommandOutcome | SweepReport>(
      QueueName.COMMUNITY_COMMANDS,
      (command: CommunityCommand, job) => {
        if (command.type === 'publish.sweep') return sweep();
        if (command.type === 'community.create') return handleCreateCommand(context, command, job);
        if (command.type === 'community.rotate-keys') return handleRotateKeysCommand(context, command);
        return handleEditCommand(context, command);
      },
      options('commands', config.COMMAND_CONCURRENCY),
    ),
    createWorker<typeof QueueName.COMMUNITY_PUBLISH, PublishOutcome>(
      QueueName.COMMUNITY_PUBLISH,
      (job, bullJob) => publishDescription(context, job, bullJob.id ?? ''),
      options('publish', config.PUBLISH_CONCURRENCY),
    ),
    createWorker<
      typeof QueueName.BOT_MESSAGES,
      BotOutcome | IdentityOutcome | MemberKeysOutcome | DirectReceivedOutcome
    >(
      QueueName.BOT_MESSAGES,
      (command, job) => {
        if (command.type === 'identity.create') return handleCreateIdentity(context, command, job);
        if (command.type === 'member.keys') return handleMemberKeys(context, command);
        if (command.type === 'direct.received') return handleDirectReceived(direct, command, job);
        if (isDirectCommand(command)) return handleDirectCommand(direct, command, job);
        return handleBotCommand(context, command, job);
      },
      options('bots', config.BOT_MESSAGE_CONCURRENCY),
    ),
  ];
  // The workers finish the jobs in hand before their connections, the queues and PostgreSQL close.
  scope.defer('workers', () => closeQueueResources({ workers }));
};

/** One scheduler per deployment (upsert by id): replicas share it, a new interval replaces the old one. */
export const scheduleSweep = async (
  commands: TypedQueue<typeof QueueName.COMMUNITY_COMMANDS>,
  everyMs: number,
): Promise<void> => {
  await commands.upsertJobScheduler(
    SWEEP_SCHEDULER_ID,
    { every: everyMs },
    {
      name: 'publish.sweep',
      data: { type: 'publish.sweep', correlationId: SWEEP_SCHEDULER_ID, actor: 'scheduler' },
    },
  );
};
