import { randomUUID } from 'node:crypto';
import type { PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import type { Multiaddr } from '@multiformats/multiaddr';
import { multiaddr } from '@multiformats/multiaddr';
import { proto_store } from '@waku/proto';
import { lpStream } from 'it-length-prefixed-stream';
import type { waku } from '@status-communities/proto';
import type { WakuNode } from '../waku-node.js';
import { fromStoreWakuMessage, hashToHex, hexToHash } from './store-message.js';
import { MAX_PAGE_SIZE, MAX_RESPONSE_BYTES, STORE_QUERY_CODEC } from './store-protocol.js';
import type { StoreQueryFailure } from './store-query-error.js';
import { StoreQueryError } from './store-query-error.js';
import { endExchange } from './stream-end.js';

/** A 13/WAKU2-STORE v3 query: a content filter (pubsub topic with content topics, time range) or hashes. */
export interface StoreQuery {
  readonly pubsubTopic?: string;
  readonly contentTopics?: readonly string[];
  /** Unix ns, inclusive. */
  readonly timeStartNs?: bigint;
  /** Unix ns, exclusive. */
  readonly timeEndNs?: bigint;
  /** Lowercase hex message hashes. */
  readonly hashes?: readonly string[];
  /** Start after this hash (exclusive). */
  readonly cursor?: string;
  /** 1 to MAX_PAGE_SIZE. Default MAX_PAGE_SIZE. */
  readonly pageSize?: number;
  /** Default true: oldest first. */
  readonly forward?: boolean;
  /** Default true: messages, not only their hashes. */
  readonly includeData?: boolean;
}

export interface StoreQueryOptions {
  /** Deadline per page: dial, request, response. Default 10 s. */
  readonly pageTimeoutMs?: number;
  /** Pages fetched at most. Default 1,000. */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
}

export interface StoreEntry {
  /** Lowercase hex, as the peer gave it: not checked against the message. */
  readonly hash: string;
  /** Absent when the peer left it out (older nodes) or data was not asked for. */
  readonly pubsubTopic?: string;
  readonly message?: waku.WakuMessage;
}

export interface StoreResponsePage {
  /** Ascending by (timestamp, hash), whatever the direction. */
  readonly entries: readonly StoreEntry[];
  /** Set when the peer holds more. On the last page fetched, it means `maxPages` cut the query short. */
  readonly cursor?: string;
}

const DEFAULT_PAGE_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_PAGES = 1_000;
/** How long a page's response waits for the peer to close the stream after it, before we reset it. */
const PEER_END_GRACE_MS = 1_000;
const HASH_BYTES = 32;
const HASH_HEX = /^[0-9a-f]{64}$/;

const checkQuery = (query: StoreQuery): void => {
  const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw new RangeError(`pageSize must be an integer 1..${MAX_PAGE_SIZE}`);
  for (const hash of [...(query.hashes ?? []), ...(query.cursor === undefined ? [] : [query.cursor])])
    if (!HASH_HEX.test(hash)) throw new RangeError(`not a lowercase hex message hash: ${hash}`);
};

const requestFor = (query: StoreQuery, cursor: string | undefined): proto_store.StoreQueryRequest => ({
  requestId: randomUUID(),
  includeData: query.includeData ?? true,
  contentTopics: [...(query.contentTopics ?? [])],
  messageHashes: (query.hashes ?? []).map(hexToHash),
  paginationForward: query.forward ?? true,
  paginationLimit: BigInt(query.pageSize ?? MAX_PAGE_SIZE),
  ...(query.pubsubTopic !== undefined && { pubsubTopic: query.pubsubTopic }),
  ...(query.timeStartNs !== undefined && { timeStart: query.timeStartNs }),
  ...(query.timeEndNs !== undefined && { timeEnd: query.timeEndNs }),
  ...(cursor !== undefined && { paginationCursor: hexToHash(cursor) }),
});

const dialTarget = (peer: string): Multiaddr | PeerId =>
  peer.startsWith('/') ? multiaddr(peer) : peerIdFromString(peer);

/** One page of the exchange: a fresh stream, one request, one response. */
class PageExchange {
  private readonly timeout: AbortSignal;
  private readonly signal: AbortSignal;

  constructor(
    private readonly peer: string,
    timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timeout = AbortSignal.timeout(timeoutMs);
    this.signal = caller === undefined ? this.timeout : AbortSignal.any([caller, this.timeout]);
  }

  async run(node: WakuNode, request: proto_store.StoreQueryRequest): Promise<proto_store.StoreQueryResponse> {
    const { signal } = this;
    let stream: Stream;
    try {
      stream = await node.light.libp2p.dialProtocol(dialTarget(this.peer), STORE_QUERY_CODEC, { signal });
    } catch (error) {
      throw this.failure(error, 'unreachable');
    }
    let bytes: Uint8Array;
    try {
      const messages = lpStream(stream, { maxDataLength: MAX_RESPONSE_BYTES });
      await messages.write(proto_store.StoreQueryRequest.encode(request), { signal });
      await stream.closeWrite({ signal });
      bytes = (await messages.read({ signal })).subarray();
      await endExchange(stream, messages, AbortSignal.any([signal, AbortSignal.timeout(PEER_END_GRACE_MS)]));
    } catch (error) {
      stream.abort(error instanceof Error ? error : new Error(String(error)));
      throw this.failure(
        error,
        error instanceof Error && error.name.startsWith('InvalidDataLength') ? 'bad-response' : 'unreachable',
      );
    }
    try {
      return proto_store.StoreQueryResponse.decode(bytes, { limits: { messages: MAX_PAGE_SIZE } });
    } catch (error) {
      throw this.failure(error, 'bad-response');
    }
  }

  badResponse(message: string): StoreQueryError {
    return new StoreQueryError(this.peer, 'bad-response', message);
  }

  private failure(error: unknown, otherwise: StoreQueryFailure): StoreQueryError {
    const failure = this.caller?.aborted ? 'aborted' : this.timeout.aborted ? 'timeout' : otherwise;
    const message = error instanceof Error ? error.message : String(error);
    return new StoreQueryError(this.peer, failure, message, undefined, { cause: error });
  }
}

const toEntry = (entry: proto_store.WakuMessageKeyValue, exchange: PageExchange): StoreEntry => {
  if (entry.messageHash?.length !== HASH_BYTES)
    throw exchange.badResponse('an entry has no 32-byte message hash');
  let message: waku.WakuMessage | undefined;
  try {
    message = entry.message === undefined ? undefined : fromStoreWakuMessage(entry.message);
  } catch (error) {
    throw exchange.badResponse(`an entry's message does not re-encode: ${String(error)}`);
  }
  return {
    hash: hashToHex(entry.messageHash),
    ...(entry.pubsubTopic !== undefined && { pubsubTopic: entry.pubsubTopic }),
    ...(message !== undefined && { message }),
  };
};

/**
 * Pages through a peer's 13/WAKU2-STORE v3 service (a multiaddr with /p2p/, or a peer id the node knows), one
 * stream per page, following the peer's cursor until it sets none. Throws StoreQueryError when the peer cannot be
 * reached, is too slow, refuses (non-2xx) or answers outside the protocol; RangeError for a malformed query.
 */
export async function* queryStore(
  node: WakuNode,
  peer: string,
  query: StoreQuery,
  options: StoreQueryOptions = {},
): AsyncGenerator<StoreResponsePage, void, undefined> {
  checkQuery(query);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let cursor = query.cursor;
  for (let page = 0; page < maxPages; page++) {
    const exchange = new PageExchange(peer, options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS, options.signal);
    const request = requestFor(query, cursor);
    const response = await exchange.run(node, request);
    if (response.requestId !== request.requestId)
      throw exchange.badResponse('the response is for another request');
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299)
      throw new StoreQueryError(peer, 'refused', `${status} ${response.statusDesc ?? ''}`.trim(), status);
    const entries = response.messages.map((entry) => toEntry(entry, exchange));
    const next = response.paginationCursor;
    if (next === undefined) {
      yield { entries };
      return;
    }
    if (next.length !== HASH_BYTES) throw exchange.badResponse('the cursor is not a 32-byte message hash');
    if (hashToHex(next) === cursor) throw exchange.badResponse('the cursor did not move');
    cursor = hashToHex(next);
    yield { entries, cursor };
  }
}
