import { decodeProto, uint64ToBigInt, waku } from '@status-communities/proto';
import type { ExchangeEnd } from '../exchange.js';
import {
  DEFAULT_MAX_STREAMS_PER_PEER,
  DEFAULT_REQUEST_TIMEOUT_MS,
  OVERSIZE,
  answerExchange,
} from '../exchange.js';
import type { WakuNode } from '../waku-node.js';

/** 34/WAKU2-PEER-EXCHANGE: one PeerExchangeRPC query in, one response with ENRs out, per stream. */
export const PEER_EXCHANGE_CODEC = '/vac/waku/peer-exchange/2.0.0-alpha1';

/** At most this many ENRs per answer (what the stock client asks for, and nwaku's cap). */
export const MAX_PEER_EXCHANGE_PEERS = 60;

/** A query is a number; anything longer is refused unread. */
const MAX_QUERY_BYTES = 1024;

export interface PeerExchangeServiceOptions {
  /** The signed ENRs of peers to hand out (other gateways, say); read per query. Must not throw. */
  readonly peers: () => Promise<readonly Uint8Array[]> | readonly Uint8Array[];
  /** Deadline, from a stream's opening, for its query (the stock client opens streams ahead). Default 5 min. */
  readonly requestTimeoutMs?: number;
  /** Deadline to send an answer. Default 5 s. */
  readonly streamTimeoutMs?: number;
  /** Once per stream, for logs and metrics. Must not throw. */
  readonly onServed?: (served: ServedPeerExchange) => void;
}

export interface ServedPeerExchange extends ExchangeEnd {
  /** ENRs sent; 0 with `malformed` for a query that did not decode (answered with an empty response). */
  readonly peers: number;
  readonly malformed: boolean;
}

export interface PeerExchangeService {
  close(): Promise<void>;
}

const encodeAnswer = (enrs: readonly Uint8Array[]): Uint8Array =>
  waku.peer_exchange.PeerExchangeRPC.encode({
    response: { peerInfos: enrs.map((enr) => ({ enr })) },
  }).finish();

/**
 * Serves 34/WAKU2-PEER-EXCHANGE on the node's libp2p: a light client that knows this node asks for peers and
 * gets up to the number it asked for (at most 60) of `peers()`'s ENRs. A query that does not decode gets an
 * empty answer: the protocol version the stock client speaks has no status codes.
 */
export const servePeerExchange = async (
  node: WakuNode,
  options: PeerExchangeServiceOptions,
): Promise<PeerExchangeService> => {
  const libp2p = node.light.libp2p;
  const streamTimeoutMs = options.streamTimeoutMs ?? 5_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  await libp2p.handle(
    PEER_EXCHANGE_CODEC,
    (data) => {
      let sent = 0;
      let malformed = false;
      void answerExchange(
        data,
        { maxRequestBytes: MAX_QUERY_BYTES, requestTimeoutMs, streamTimeoutMs },
        async (request) => {
          const decoded =
            request === OVERSIZE
              ? undefined
              : decodeProto<waku.peer_exchange.PeerExchangeRPC>(waku.peer_exchange.PeerExchangeRPC, request);
          const query = decoded?.ok === true ? decoded.value.query : undefined;
          if (query === null || query === undefined) {
            malformed = true;
            return encodeAnswer([]);
          }
          const asked = uint64ToBigInt(query.numPeers ?? 0);
          const wanted = asked > BigInt(MAX_PEER_EXCHANGE_PEERS) ? MAX_PEER_EXCHANGE_PEERS : Number(asked);
          const enrs = wanted > 0 ? (await options.peers()).slice(0, wanted) : [];
          sent = enrs.length;
          return encodeAnswer(enrs);
        },
      ).then((end) => options.onServed?.({ ...end, peers: sent, malformed }));
    },
    { maxInboundStreams: DEFAULT_MAX_STREAMS_PER_PEER },
  );
  return { close: () => libp2p.unhandle(PEER_EXCHANGE_CODEC) };
};
