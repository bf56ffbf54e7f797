import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient, WebhookSubscription } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { MasterKeyRing } from '@status-communities/keyring';
import { ChannelIdSchema, CommunityIdSchema, DomainEventSchema } from '@status-communities/queue';
import { canSeeCommunity } from '../subscriptions/event-visibility.js';
import type { CommunityDirectory } from '../subscriptions/event-visibility.js';
import { createWebhookSecret, openWebhookSecret } from './webhook-secrets.js';
import { sendWebhook } from './webhook-sender.js';
import type { WebhookOutcome } from './webhook-sender.js';
import { checkWebhookUrl } from './webhook-url.js';
import type { WebhookUrlPolicy } from './webhook-url.js';

/** Every event type a webhook may ask for: the stream's own. */
export const WEBHOOK_EVENT_TYPES = DomainEventSchema.options.map((option) => option.shape.type.value);

/** The type of the synthetic event `testWebhook` sends. */
export const PING_EVENT_TYPE = 'webhook.ping';

export const CreateWebhookInputSchema = z
  .object({
    url: z.string().min(1).max(2_048),
    /** Empty: every type. */
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).default([]),
    communityId: CommunityIdSchema.nullish(),
    /** A channel uuid, as events carry it; needs communityId. */
    channelId: ChannelIdSchema.nullish(),
  })
  .refine((input) => !input.channelId || input.communityId, {
    message: 'a channel filter needs a community filter',
    path: ['channelId'],
  });
export type CreateWebhookInput = z.input<typeof CreateWebhookInputSchema>;

export interface WebhookServices {
  readonly prisma: PrismaClient;
  /** Undefined when the api has no WEBHOOK_SECRET_KEY: webhooks cannot be signed. */
  readonly masterKeys: MasterKeyRing | undefined;
  readonly directory: CommunityDirectory;
  readonly urlPolicy: WebhookUrlPolicy;
  readonly timeoutMs: number;
}

const noMasterKey = () =>
  fail(ErrorCode.INVALID_CONFIG, 'webhooks are not available: the api has no WEBHOOK_SECRET_KEY');

const notFound = (id: string) => fail(ErrorCode.NOT_FOUND, `no webhook ${id}`, { id });

/**
 * Registers a tenant's webhook. The secret is returned this once; only its sealed form is stored. A community
 * filter must name a community the tenant can see (its own hosted ones, or a watched one).
 */
export const createWebhookSubscription = async (
  services: WebhookServices,
  tenantId: string,
  input: CreateWebhookInput,
): Promise<Result<{ readonly subscription: WebhookSubscription; readonly secret: string }>> => {
  const parsed = CreateWebhookInputSchema.safeParse(input);
  if (!parsed.success)
    return fail(ErrorCode.BAD_USER_INPUT, parsed.error.issues.map((issue) => issue.message).join('; '), {
      fields: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
  const { url, events, communityId, channelId } = parsed.data;
  if (services.masterKeys === undefined) return noMasterKey();
  const checked = await checkWebhookUrl(url, services.urlPolicy);
  if (!checked.ok) return checked;
  if (communityId) {
    const community = await services.directory.ownership(communityId);
    if (!canSeeCommunity({ tenantId, communityId: null }, communityId, community))
      return fail(ErrorCode.NOT_FOUND, `no community ${communityId}`, { communityId });
  }
  const { secretRef, secret } = await createWebhookSecret(services.prisma, services.masterKeys, tenantId);
  const subscription = await services.prisma.webhookSubscription.create({
    data: {
      tenantId,
      url: checked.value.toString(),
      secretRef,
      events,
      communityId: communityId ?? null,
      channelId: channelId ?? null,
    },
  });
  return ok({ subscription, secret });
};

/** Removes a webhook of the tenant, its delivery log and its secret. */
export const deleteWebhookSubscription = async (
  services: WebhookServices,
  tenantId: string,
  id: string,
): Promise<Result<WebhookSubscription>> => {
  const subscription = await services.prisma.webhookSubscription.findFirst({ where: { id, tenantId } });
  if (subscription === null) return notFound(id);
  await services.prisma.$transaction([
    services.prisma.webhookSubscription.delete({ where: { id } }),
    services.prisma.keyringSecret.deleteMany({
      where: { id: subscription.secretRef, purpose: 'WEBHOOK_SECRET' },
    }),
  ]);
  return ok(subscription);
};

/**
 * Sends a synthetic `webhook.ping` event to a webhook now, signed like any delivery, and reports what the
 * receiver answered. It is not retried and not written to the delivery log.
 */
export const testWebhook = async (
  services: WebhookServices,
  tenantId: string,
  id: string,
): Promise<Result<WebhookOutcome & { readonly eventId: string }>> => {
  if (services.masterKeys === undefined) return noMasterKey();
  const subscription = await services.prisma.webhookSubscription.findFirst({ where: { id, tenantId } });
  if (subscription === null) return notFound(id);
  const url = await checkWebhookUrl(subscription.url, services.urlPolicy);
  if (!url.ok) return url;
  const secret = await openWebhookSecret(services.prisma, services.masterKeys, subscription.secretRef);
  if (!secret.ok) return secret;
  const eventId = `ping-${randomUUID()}`;
  const outcome = await sendWebhook({
    url: url.value,
    secret: secret.value,
    attempt: 1,
    timeoutMs: services.timeoutMs,
    body: {
      id: eventId,
      type: PING_EVENT_TYPE,
      occurredAt: new Date().toISOString(),
      data: { subscriptionId: subscription.id },
    },
  });
  return ok({ ...outcome, eventId });
};
