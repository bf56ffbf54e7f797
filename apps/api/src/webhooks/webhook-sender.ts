import { performance } from 'node:perf_hooks';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

/** What a receiver gets in the body: the event as the stream carries it, under its id and type. */
export interface WebhookBody {
  /** The event id (a Redis Stream id), also in X-Webhook-Id: the same across retries, for deduplication. */
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: unknown;
}

export interface WebhookRequest {
  readonly url: URL;
  readonly secret: string;
  readonly body: WebhookBody;
  /** 1 for the first try; sent as X-Webhook-Attempt. */
  readonly attempt: number;
  readonly timeoutMs: number;
}

/**
 * `delivered`: a 2xx. `retry`: worth trying again later (no answer, timeout, 5xx, 429). `refused`: the receiver
 * answered and will answer the same again (other 4xx, and 3xx: redirects are not followed, as they could
 * lead to an address the URL check refused).
 */
export interface WebhookOutcome {
  readonly result: 'delivered' | 'retry' | 'refused';
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

const USER_AGENT = 'status-communities-webhooks/1';

const resultOf = (status: number): WebhookOutcome['result'] =>
  status >= 200 && status < 300 ? 'delivered' : status === 429 || status >= 500 ? 'retry' : 'refused';

interface FetchFailure {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: { readonly message?: unknown };
}

/** fetch's failure, with the socket error it wraps (`fetch failed: connect ECONNREFUSED …`). */
const describeFailure = (error: unknown, request: WebhookRequest): string => {
  // Duck-typed: fetch's errors come from Node's realm, where `instanceof` in a test sandbox says no.
  const failure = (typeof error === 'object' && error !== null ? error : {}) as FetchFailure;
  if (failure.name === 'TimeoutError') return `no answer within ${request.timeoutMs} ms`;
  const cause = typeof failure.cause?.message === 'string' ? `: ${failure.cause.message}` : '';
  return `${typeof failure.message === 'string' ? failure.message : String(error)}${cause}`;
};

/** One signed POST; never throws for what the network or the receiver does. */
export const sendWebhook = async (request: WebhookRequest): Promise<WebhookOutcome> => {
  const json = JSON.stringify(request.body);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-Webhook-Id': request.body.id,
        'X-Webhook-Event': request.body.type,
        'X-Webhook-Attempt': String(request.attempt),
        [SIGNATURE_HEADER]: signatureHeader(request.secret, Math.floor(Date.now() / 1_000), json),
      },
      body: json,
    });
    const latencyMs = elapsed();
    // The answer's body is not used; cancelling it frees the connection for the next delivery.
    await response.body?.cancel();
    const result = resultOf(response.status);
    return {
      result,
      statusCode: response.status,
      latencyMs,
      error: result === 'delivered' ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    return {
      result: 'retry',
      statusCode: null,
      latencyMs: elapsed(),
      error: describeFailure(error, request),
    };
  }
};
