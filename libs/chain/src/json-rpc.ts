import { ErrorCode, StatusError } from '@status-communities/errors';

/** A chain that cannot be read now (network, timeout, HTTP or node error): decide nothing, try again later. */
export class ChainUnavailableError extends StatusError {
  constructor(chainId: string, reason: string) {
    super(ErrorCode.CHAIN_UNAVAILABLE, `chain ${chainId} is unavailable: ${reason}`, { chainId, reason });
  }
}

export interface JsonRpcRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

/** One answer of a batch: a result, or the node's JSON-RPC error for that request alone. */
export type JsonRpcAnswer =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: number; readonly message: string; readonly data?: unknown };

export interface JsonRpcTransportOptions {
  readonly chainId: string;
  readonly url: string;
  /** Per HTTP request. Default 10 s. */
  readonly timeoutMs?: number;
  /** Further attempts after a failed HTTP request. Default 2. */
  readonly retries?: number;
  /** First pause between attempts, doubled each time. Default 250 ms. */
  readonly retryDelayMs?: number;
  /** Requests per HTTP body. Default 100 (many public providers refuse more). */
  readonly maxBatchSize?: number;
  /** HTTP requests in flight at once. Default 4. */
  readonly concurrency?: number;
}

export interface JsonRpcStats {
  /** HTTP requests sent, retries included. */
  httpRequests: number;
  /** JSON-RPC requests sent, retries included. */
  rpcRequests: number;
}

export interface JsonRpcTransport {
  readonly chainId: string;
  /** Answers in request order; throws ChainUnavailableError when the chain cannot be reached. */
  batch(requests: readonly JsonRpcRequest[]): Promise<JsonRpcAnswer[]>;
  readonly stats: JsonRpcStats;
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, timeout…) in `cause`. */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface RawAnswer {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

const answerOf = (raw: RawAnswer): JsonRpcAnswer =>
  raw.error
    ? {
        ok: false,
        code: typeof raw.error.code === 'number' ? raw.error.code : 0,
        message: typeof raw.error.message === 'string' ? raw.error.message : 'error',
        data: raw.error.data,
      }
    : { ok: true, result: raw.result };

/** JSON-RPC 2.0 over HTTP with fetch: batches, a timeout per request and retries with backoff. */
export const createJsonRpcTransport = (options: JsonRpcTransportOptions): JsonRpcTransport => {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const maxBatchSize = options.maxBatchSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  const stats: JsonRpcStats = { httpRequests: 0, rpcRequests: 0 };
  let nextId = 1;

  const postOnce = async (requests: readonly JsonRpcRequest[]): Promise<JsonRpcAnswer[]> => {
    const ids = requests.map(() => nextId++);
    const body = JSON.stringify(
      requests.map((request, index) => ({ jsonrpc: '2.0', id: ids[index], ...request })),
    );
    stats.httpRequests += 1;
    stats.rpcRequests += requests.length;
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const parsed = (await response.json()) as unknown;
    // A node that cannot take a batch answers one error object instead of an array.
    if (!Array.isArray(parsed))
      throw new Error(`not a batch answer: ${JSON.stringify(parsed).slice(0, 200)}`);
    const byId = new Map((parsed as RawAnswer[]).map((raw) => [raw.id, raw]));
    return ids.map((id) => {
      const raw = byId.get(id);
      if (!raw) throw new Error(`no answer for request ${id}`);
      return answerOf(raw);
    });
  };

  const post = async (requests: readonly JsonRpcRequest[]): Promise<JsonRpcAnswer[]> => {
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await pause(retryDelayMs * 2 ** (attempt - 1));
      try {
        return await postOnce(requests);
      } catch (error) {
        lastError = error;
      }
    }
    throw new ChainUnavailableError(options.chainId, describe(lastError));
  };

  return {
    chainId: options.chainId,
    stats,
    batch: async (requests) => {
      const chunks: JsonRpcRequest[][] = [];
      for (let start = 0; start < requests.length; start += maxBatchSize)
        chunks.push(requests.slice(start, start + maxBatchSize));
      const answers: JsonRpcAnswer[][] = new Array(chunks.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < chunks.length) {
          const index = next++;
          answers[index] = await post(chunks[index] ?? []);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
      return answers.flat();
    },
  };
};
