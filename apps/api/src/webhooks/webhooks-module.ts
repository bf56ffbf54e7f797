import type { Prisma, WebhookDeliveryStatus, WebhookSubscription } from '@status-communities/db';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { StatusError } from '@status-communities/errors';
import type { DomainEventType } from '@status-communities/queue';
import { eventStream } from '@status-communities/queue';
import type { ApiModule, ModuleRuntime } from '../api-module.js';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import { apiError, fromStatusError } from '../errors/api-error.js';
import type {
  CreateWebhookSubscriptionInput,
  Resolvers,
  WebhookSubscriptionIdInput,
} from '../generated/graphql.js';
import { checkUuid } from '../limits/input-text.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import type { UserErrorValue } from '../mutations/user-errors.js';
import { userError } from '../mutations/user-errors.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import type { PageArgs } from '../relay/connection.js';
import type { ApiServices } from '../services.js';
import { CommunityDirectory } from '../subscriptions/event-visibility.js';
import { fromEventType, toEventType } from '../subscriptions/graphql-events.js';
import { webhookMasterKeys } from './webhook-config.js';
import type { WebhookOutcome } from './webhook-sender.js';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  testWebhook,
} from './webhook-subscriptions.js';
import type { WebhookServices } from './webhook-subscriptions.js';
import { startWebhookWorkers } from './webhook-workers.js';

const webhookServices = (services: ApiServices): WebhookServices => ({
  prisma: services.prisma,
  masterKeys: unwrap(webhookMasterKeys(services.config)),
  directory: new CommunityDirectory(services.prisma),
  urlPolicy: { allowPrivateHosts: services.config.WEBHOOK_ALLOW_PRIVATE_HOSTS },
  timeoutMs: services.config.WEBHOOK_TIMEOUT_MS,
});

/** Which input field a failure of the webhook services is about. */
const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.INVALID_URL]: 'url',
  [ErrorCode.NOT_FOUND]: 'communityId',
};

const userErrorOf = (error: StatusError, field?: string): UserErrorValue => {
  const fields = error.details['fields'];
  const named =
    Array.isArray(fields) && typeof fields[0] === 'string' ? fields[0] : (field ?? FIELD_OF[error.code]);
  return userError(
    error.code,
    error.message,
    named === undefined ? undefined : ['input', ...named.split('.')],
  );
};

/** The tenant's delivery log, newest first, as a Relay connection keyed by the row id. */
// Delivery ids are bigint: a cursor holding anything else was not made here.
const deliveryIdOf = (cursor: string): bigint => {
  if (!/^[0-9]{1,19}$/.test(cursor)) throw apiError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { cursor });
  return BigInt(cursor);
};

const deliveriesPage = async (
  context: ApiContext,
  where: Prisma.WebhookDeliveryWhereInput,
  args: PageArgs & { status?: WebhookDeliveryStatus | null },
) => {
  requireScope(context.caller, 'ADMIN');
  const page = pageQuery<string>(args);
  const rows = await context.services.prisma.webhookDelivery.findMany({
    where: {
      ...where,
      subscription: { tenantId: context.caller.tenantId },
      ...(args.status == null ? {} : { status: args.status }),
    },
    orderBy: { id: 'desc' },
    take: page.take,
    skip: page.skip,
    ...(page.cursor === undefined ? {} : { cursor: { id: deliveryIdOf(page.cursor) } }),
  });
  return toConnection(rows, page, (row) => String(row.id));
};

interface SubscriptionPayload {
  readonly webhookSubscription?: WebhookSubscription | null;
  readonly secret?: string | null;
  readonly userErrors: UserErrorValue[];
}

const resolvers: Resolvers = {
  Query: {
    webhookSubscriptions: (_parent, _args, context) => {
      requireScope(context.caller, 'ADMIN');
      return context.services.prisma.webhookSubscription.findMany({
        where: { tenantId: context.caller.tenantId },
        orderBy: { createdAt: 'desc' },
      });
    },
    webhookDeliveries: (_parent, args, context) => {
      const id = args.subscriptionId;
      const checked = id == null ? null : checkUuid(id);
      if (checked && !checked.ok) throw fromStatusError(checked.error);
      return deliveriesPage(context, id == null ? {} : { subscriptionId: id }, args);
    },
  },
  WebhookSubscription: {
    events: (subscription) => subscription.events.map((type) => toEventType(type as DomainEventType)),
    deliveries: (subscription, args, context) =>
      deliveriesPage(context, { subscriptionId: subscription.id }, args),
  },
  WebhookDelivery: {
    id: (delivery) => String(delivery.id),
    eventType: (delivery) => toEventType(delivery.eventType as DomainEventType),
    payload: (delivery) => JSON.stringify(delivery.payload),
  },
  Mutation: {
    createWebhookSubscription: mutationResolver({
      action: 'webhook.create',
      scope: 'ADMIN',
      communityOf: (input: CreateWebhookSubscriptionInput) => input.communityId,
      // The secret is shown once and never kept: a replay answers without it.
      toStored: (payload: SubscriptionPayload) => ({ ...payload, secret: null }),
      execute: async (input: CreateWebhookSubscriptionInput, context): Promise<SubscriptionPayload> => {
        // A webhook reads as its tenant: a key bound to one community may only make one of that community,
        // or it would receive the tenant's other communities and its bots' 1:1 chats.
        const bound = context.caller.communityId;
        if (bound !== null && input.communityId !== bound)
          return {
            userErrors: [
              userError(
                ErrorCode.FORBIDDEN,
                'A key bound to one community can only create webhooks of that community',
                ['input', 'communityId'],
              ),
            ],
          };
        const created = await createWebhookSubscription(
          webhookServices(context.services),
          context.caller.tenantId,
          {
            url: input.url,
            events: (input.events ?? []).map(fromEventType),
            communityId: input.communityId,
            channelId: input.channelId,
          },
        );
        if (!created.ok) return { userErrors: [userErrorOf(created.error)] };
        return {
          webhookSubscription: created.value.subscription,
          secret: created.value.secret,
          userErrors: [],
        };
      },
    }),
    deleteWebhookSubscription: mutationResolver({
      action: 'webhook.delete',
      scope: 'ADMIN',
      checks: (input: WebhookSubscriptionIdInput) => [[['input', 'id'], input.id, checkUuid]],
      execute: async (input: WebhookSubscriptionIdInput, context): Promise<SubscriptionPayload> => {
        const deleted = await deleteWebhookSubscription(
          webhookServices(context.services),
          context.caller.tenantId,
          input.id,
        );
        return deleted.ok
          ? { webhookSubscription: deleted.value, userErrors: [] }
          : { userErrors: [userErrorOf(deleted.error, 'id')] };
      },
    }),
    testWebhook: mutationResolver({
      action: 'webhook.test',
      scope: 'ADMIN',
      checks: (input: WebhookSubscriptionIdInput) => [[['input', 'id'], input.id, checkUuid]],
      execute: async (input: WebhookSubscriptionIdInput, context) => {
        const tested = await testWebhook(
          webhookServices(context.services),
          context.caller.tenantId,
          input.id,
        );
        if (!tested.ok) return { delivered: false, userErrors: [userErrorOf(tested.error, 'id')] };
        const outcome: WebhookOutcome & { eventId: string } = tested.value;
        return {
          delivered: outcome.result === 'delivered',
          statusCode: outcome.statusCode,
          latencyMs: outcome.latencyMs,
          error: outcome.error,
          eventId: outcome.eventId,
          userErrors: [],
        };
      },
    }),
  },
};

/**
 * Webhook management and delivery log in GraphQL, and the fan-out and delivery workers, which run in the api
 * process unless WEBHOOK_WORKERS_ENABLED is false (then another deployment of the api runs them). Without
 * WEBHOOK_SECRET_KEY nothing can be signed: the workers do not start and creating a webhook says why.
 */
export const webhooksModule: ApiModule = {
  name: 'webhooks',
  resolvers,
  start: async (services): Promise<ModuleRuntime> => {
    const { config } = services;
    const masterKeys = unwrap(webhookMasterKeys(config));
    if (!config.WEBHOOK_WORKERS_ENABLED || masterKeys === undefined) {
      if (config.WEBHOOK_WORKERS_ENABLED)
        services.logger.warn('webhook workers not started: WEBHOOK_SECRET_KEY is not set');
      return { close: async () => undefined };
    }
    return startWebhookWorkers({
      config,
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_KEY_PREFIX,
      stream: eventStream({ prefix: config.REDIS_KEY_PREFIX }),
      prisma: services.prisma,
      masterKeys,
      directory: new CommunityDirectory(services.prisma),
      onError: (error) => services.logger.error({ err: error }, 'webhook workers'),
      logger: services.logger,
    });
  },
};
