/** Event types a webhook may ask for (the API's EventType): none ticked means every one. */
export const EVENT_TYPES = [
  'COMMUNITY_UPDATED',
  'MEMBER_JOINED',
  'MEMBER_LEFT',
  'MEMBER_KICKED',
  'MEMBER_BANNED',
  'MEMBER_UNBANNED',
  'MEMBER_REMOVED',
  'MEMBER_ROLES_CHANGED',
  'MESSAGE_ADDED',
  'MESSAGE_EDITED',
  'MESSAGE_DELETED',
  'MESSAGE_PINNED',
  'REACTION_CHANGED',
  'REQUEST_RECEIVED',
  'REQUEST_DECIDED',
  'REQUEST_CANCELED',
  'KEYS_ROTATED',
] as const;

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD_LETTERED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const isDeliveryStatus = (text: string): text is DeliveryStatus =>
  (DELIVERY_STATUSES as readonly string[]).includes(text);

/** A webhook's event types for a person: the API sends all of them when the list is empty. */
export const eventsLabel = (events: readonly string[]): string =>
  events.length === 0
    ? 'all events'
    : events.map((type) => type.toLowerCase().replaceAll('_', ' ')).join(', ');

/** createWebhookSubscription's input from the form: blank optional fields are left out, not sent empty. */
export const webhookInput = (fields: {
  readonly url: string;
  readonly events: readonly string[];
  readonly communityId: string;
}) => ({
  url: fields.url.trim(),
  events: EVENT_TYPES.filter((type) => fields.events.includes(type)),
  ...(fields.communityId.trim() ? { communityId: fields.communityId.trim() } : {}),
});

export interface DeliveryAttempt {
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastLatencyMs: number | null;
}

/** The last attempt's outcome in a few words: the receiver's status, or why no answer came. */
export const lastAttemptText = (delivery: DeliveryAttempt): string => {
  if (delivery.attempts === 0) return 'not tried yet';
  const answer =
    delivery.lastStatusCode !== null
      ? `HTTP ${delivery.lastStatusCode}`
      : delivery.lastError
        ? `no answer: ${delivery.lastError}`
        : 'no answer';
  const latency = delivery.lastLatencyMs !== null ? ` in ${delivery.lastLatencyMs} ms` : '';
  const error = delivery.lastStatusCode !== null && delivery.lastError ? ` (${delivery.lastError})` : '';
  return `${answer}${latency}${error}`;
};
