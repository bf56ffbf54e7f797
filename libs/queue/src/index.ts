export {
  DEFAULT_KEY_PREFIX,
  KEY_PREFIX_PATTERN,
  KEY_PREFIX_RULE,
  checkKeyPrefix,
  hashTagged,
} from './keyspace.js';
export { deleteKeyspace } from './keyspace-cleanup.js';
export { type RedisKeys, redisKeys } from './redis-keys.js';
export { QueueName } from './queue-names.js';
export { announceRoutesChanged, routesChangedChannel } from './routes-changed.js';
export { type NoticeListener, listenForNotices, publishNotice } from './notices.js';
export { type RedisClient, connectionNameOf, isClusterConnection } from './redis-client.js';
export {
  PRODUCER_COMMAND_TIMEOUT_MS,
  type RedisConnectionOptions,
  type RedisReadinessOptions,
  createRedisConnection,
  closeRedis,
  redisReadiness,
} from './redis-connection.js';
export {
  CONNECTION_ERROR_REMINDER_MS,
  type ConnectionErrorLog,
  connectionErrorLog,
  logConnectionErrors,
} from './connection-errors.js';
export { type QueueResources, closeQueueResources } from './shutdown.js';
export {
  type ErrorStreak,
  FAILING_STREAK_ERRORS,
  FAILING_STREAK_WINDOW_MS,
  failingStreak,
  noteOperationError,
  noteOperationSuccess,
} from './operation-errors.js';
export { type ServiceStores, type StoreSettings, openServiceStores } from './service-stores.js';

export * from './schemas/primitives.js';
export { base64ToBytes, bytesToBase64 } from './schemas/bytes.js';
export * from './schemas/waku-messages.js';
export { CommandBase } from './schemas/command-base.js';
export * from './schemas/community-commands.js';
export * from './schemas/community-requests.js';
export * from './schemas/publish-jobs.js';
export * from './schemas/watch-commands.js';
export * from './schemas/bot-messages.js';
export * from './schemas/webhook-jobs.js';

export {
  backfillJobId,
  INBOUND_DEDUP_WINDOW_MS,
  type JobData,
  type JobDefinition,
  JobDefinitions,
} from './jobs/job-definitions.js';
export { DEFAULT_JOB_OPTIONS, KEEP_COMPLETED, KEEP_FAILED } from './jobs/job-options.js';
export { parseJobData } from './jobs/job-validation.js';
export { PermanentJobError, RetryLaterError, orFailPermanently, orRetryLater } from './jobs/job-outcomes.js';
export { type WakuPayload, enqueueOutbound, toOutboundMessages } from './jobs/outbound.js';
export { type CreateQueueOptions, type TypedQueue, createQueue, enqueue } from './jobs/queue-factory.js';
export { type JobMetrics, QUEUE_DEPTH_STATES, jobMetrics, observeQueueDepths } from './jobs/queue-metrics.js';
export {
  type CreateWorkerOptions,
  type JobProcessor,
  type TypedWorker,
  createWorker,
} from './jobs/worker-factory.js';

export * from './events/domain-events.js';
export {
  DEFAULT_EVENT_STREAM_MAX_LEN,
  type EventStream,
  type EventStreamOptions,
  eventStream,
} from './events/event-stream-key.js';
export type { EventBatch, RejectedEntry, StoredEvent } from './events/stream-entries.js';
export { type ReadEventsOptions, appendEvent, readEvents } from './events/event-stream.js';
export { OUTBOX_SWEEP_GRACE_MS, type OutboxEntry } from './events/outbox-append.js';
export {
  EventOutbox,
  type OutboxRow,
  type OutboxSweepsOptions,
  startOutboxSweeps,
} from './events/event-outbox.js';
export {
  type ClaimStaleOptions,
  type EventGroupOptions,
  type ReadGroupOptions,
  ackEvents,
  claimStaleEvents,
  ensureEventGroup,
  readGroupEvents,
} from './events/event-groups.js';
