import type { ApiScope } from '@status-communities/db';
import type { ApiServices } from './services.js';

/** What the rate limiter granted the request: the budget the viewer sees. */
export interface RateLimitState {
  readonly limitPerMinute: number;
  readonly remaining: number;
  /** Unix ms when the window restarts. */
  readonly resetAt: number;
}

/** The authenticated API key behind a request or a WebSocket connection. */
export interface Caller {
  readonly keyId: string;
  readonly keyName: string;
  readonly keyPrefix: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiScope[];
  /** When set, the only community the key sees. */
  readonly communityId: string | null;
  readonly rateLimit: RateLimitState;
}

/** The GraphQL context of every operation, HTTP and WebSocket alike. */
export interface ApiContext {
  readonly caller: Caller;
  readonly services: ApiServices;
  /** Correlation id of the request: logs, and the id of commands it queues when no idempotency key is given. */
  readonly requestId: string;
}
