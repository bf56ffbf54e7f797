import type { IncomingStreamData } from '@libp2p/interface';
import { lpStream } from 'it-length-prefixed-stream';
import { endExchange } from './store/stream-end.js';

/**
 * Streams of one protocol a peer may hold open on one connection: js-libp2p's own default. The stock @waku/sdk
 * client opens one stream per protocol ahead of use (on every peer:update) and one per request, so a lower limit
 * resets a client's streams while its earlier ones are still closing (a light node's Store probe saw
 * `StreamResetError: stream reset` with 4).
 */
export const DEFAULT_MAX_STREAMS_PER_PEER = 32;

/**
 * How long a stream may wait for its request. The stock client's stream opened ahead stays idle until its next
 * request: a short deadline resets it under the client, which then fails that request. nim-libp2p (nwaku) gives an
 * idle mplex stream 5 minutes too.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5 * 60_000;

/** A request longer than the protocol's limit: refused before its body is read. */
export const OVERSIZE = Symbol('oversize request');

export interface ExchangeOptions {
  /** Length prefixes past this are refused unread. */
  readonly maxRequestBytes: number;
  /** Deadline, from the stream's opening, to receive the request. */
  readonly requestTimeoutMs: number;
  /** Deadline to send the response and see the peer end the stream. */
  readonly streamTimeoutMs: number;
}

/** How an exchange ended: `error` when no response went out (the peer was too slow, reset, broke framing). */
export interface ExchangeEnd {
  readonly peer: string;
  readonly durationMs: number;
  readonly error?: string;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** it-length-prefixed-stream refuses a length prefix past maxDataLength before reading the body. */
const isOversize = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'InvalidDataLengthError' || error.name === 'InvalidDataLengthLengthError');

/**
 * One length-prefixed request in, one response out, on a stream a peer opened (the request/response
 * protocols light clients use). `answer` never throws; whatever the peer sends costs it at most its stream.
 */
export const answerExchange = async (
  { stream, connection }: IncomingStreamData,
  options: ExchangeOptions,
  answer: (request: Uint8Array | typeof OVERSIZE) => Promise<Uint8Array>,
): Promise<ExchangeEnd> => {
  const startedAt = performance.now();
  const end = (error?: unknown): ExchangeEnd => ({
    peer: connection.remotePeer.toString(),
    durationMs: performance.now() - startedAt,
    ...(error !== undefined && { error: asError(error).message }),
  });
  const messages = lpStream(stream, { maxDataLength: options.maxRequestBytes });
  let request: Uint8Array | typeof OVERSIZE;
  try {
    request = (await messages.read({ signal: AbortSignal.timeout(options.requestTimeoutMs) })).subarray();
  } catch (error) {
    if (!isOversize(error)) {
      stream.abort(asError(error));
      return end(error);
    }
    request = OVERSIZE;
  }
  const response = await answer(request);
  const signal = AbortSignal.timeout(options.streamTimeoutMs);
  try {
    await messages.write(response, { signal });
  } catch (error) {
    stream.abort(asError(error));
    return end(error);
  }
  // The rest of an oversized request is still coming: drop it rather than wait for its end.
  if (request === OVERSIZE)
    await stream.close({ signal }).catch((error: unknown) => stream.abort(asError(error)));
  else await endExchange(stream, messages, signal);
  return end();
};
