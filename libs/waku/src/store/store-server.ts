import type { IncomingStreamData } from '@libp2p/interface';
import { proto_store } from '@waku/proto';
import { lpStream } from 'it-length-prefixed-stream';
import { DEFAULT_MAX_STREAMS_PER_PEER, DEFAULT_REQUEST_TIMEOUT_MS } from '../exchange.js';
import type { WakuNode } from '../waku-node.js';
import type { StoreArchive } from './archive.js';
import type { StoreAnswer } from './store-answer.js';
import { answerStoreQuery, statusResponse } from './store-answer.js';
import { MAX_REQUEST_BYTES, STORE_QUERY_CODEC, StoreStatus } from './store-protocol.js';
import { endExchange } from './stream-end.js';

export interface StoreServiceOptions {
  /** Deadline, from a stream's opening, for its request (the stock client opens streams ahead). Default 5 min. */
  readonly requestTimeoutMs?: number;
  /** Deadline to send a response. Default 5 s. */
  readonly streamTimeoutMs?: number;
  /** Deadline for the archive's page; past it the peer gets status 500. Default 10 s. */
  readonly archiveTimeoutMs?: number;
  /** Query streams one peer may have open. Default 32 (js-libp2p's). */
  readonly maxStreamsPerPeer?: number;
  /** Once per stream, for logs and metrics. Must not throw. */
  readonly onServed?: (served: ServedStoreQuery) => void;
}

/** What one stream got. */
export interface ServedStoreQuery {
  readonly peer: string;
  /** Empty when the request did not decode. */
  readonly requestId: string;
  /** Absent when no response went out: the peer was too slow, reset the stream or broke the framing. */
  readonly statusCode?: number;
  readonly statusDesc?: string;
  readonly messages: number;
  readonly durationMs: number;
  /** For our logs: the archive's failure behind a 500, or the stream's error. */
  readonly error?: string;
}

export interface StoreService {
  /** Stops accepting queries; streams already open finish. */
  close(): Promise<void>;
}

const DEFAULT_STREAM_TIMEOUT_MS = 5_000;
const DEFAULT_ARCHIVE_TIMEOUT_MS = 10_000;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** it-length-prefixed-stream refuses a length prefix past maxDataLength before reading the body. */
const isOversize = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'InvalidDataLengthError' || error.name === 'InvalidDataLengthLengthError');

const oversize: StoreAnswer = {
  response: statusResponse('', StoreStatus.BAD_REQUEST, `request exceeds ${MAX_REQUEST_BYTES} bytes`),
};

/**
 * Serves 13/WAKU2-STORE v3 (`/vac/waku/store-query/3.0.0`) from `archive` on the node's libp2p: one
 * length-prefixed StoreQueryRequest in, one StoreQueryResponse out, per stream. Whatever a peer sends costs it
 * at most its own stream.
 */
export const serveStore = async (
  node: WakuNode,
  archive: StoreArchive,
  options: StoreServiceOptions = {},
): Promise<StoreService> => {
  const libp2p = node.light.libp2p;
  const streamTimeoutMs = options.streamTimeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const archiveTimeoutMs = options.archiveTimeoutMs ?? DEFAULT_ARCHIVE_TIMEOUT_MS;

  const serve = async ({ stream, connection }: IncomingStreamData): Promise<void> => {
    const startedAt = performance.now();
    const report = (served: Omit<ServedStoreQuery, 'peer' | 'durationMs'>): void =>
      options.onServed?.({
        peer: connection.remotePeer.toString(),
        durationMs: performance.now() - startedAt,
        ...served,
      });
    const messages = lpStream(stream, { maxDataLength: MAX_REQUEST_BYTES });
    let answer: StoreAnswer;
    try {
      const request = await messages.read({ signal: AbortSignal.timeout(requestTimeoutMs) });
      answer = await answerStoreQuery(request.subarray(), archive, archiveTimeoutMs);
    } catch (error) {
      if (!isOversize(error)) {
        stream.abort(asError(error));
        report({ requestId: '', messages: 0, error: describe(error) });
        return;
      }
      answer = oversize;
    }
    const { response, internalError } = answer;
    const served = {
      requestId: response.requestId,
      messages: response.messages.length,
      ...(internalError !== undefined && { error: internalError }),
    };
    const signal = AbortSignal.timeout(streamTimeoutMs);
    try {
      await messages.write(proto_store.StoreQueryResponse.encode(response), { signal });
    } catch (error) {
      stream.abort(asError(error));
      report({ ...served, error: describe(error) });
      return;
    }
    report({ ...served, statusCode: response.statusCode, statusDesc: response.statusDesc });
    // The rest of an oversized request is still coming: drop it rather than wait for its end.
    if (answer === oversize)
      await stream.close({ signal }).catch((error: unknown) => stream.abort(asError(error)));
    else await endExchange(stream, messages, signal);
  };

  await libp2p.handle(
    STORE_QUERY_CODEC,
    (data) => void serve(data).catch((error: unknown) => data.stream.abort(asError(error))),
    { maxInboundStreams: options.maxStreamsPerPeer ?? DEFAULT_MAX_STREAMS_PER_PEER },
  );
  return { close: () => libp2p.unhandle(STORE_QUERY_CODEC) };
};
