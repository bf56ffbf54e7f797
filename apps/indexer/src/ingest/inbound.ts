// The CPU part of an inbound job — route by content topic, decrypt, verify — done as the job arrives, so it
// overlaps the previous batch's database work. Nothing here reads stored state.
import type { SegmentAssembler } from '@status-communities/protocol';
import { wakuTimestampNsToMs, whisperTimestampMs } from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { Origin } from '../acceptance/decision.js';
import { decodeRouted } from '../decode/decode.js';
import type { Decoded } from '../decode/decode.js';
import type { Route, RouteTable } from '../routing/route-table.js';

export type Prepared =
  /** No watched or hosted community uses the content topic (most relayed traffic). */
  | { readonly kind: 'unrouted' }
  /** A hosted community's request topic: forwarded untouched. */
  | { readonly kind: 'request'; readonly communityId: string }
  | { readonly kind: 'decoded'; readonly decoded: Decoded };

export interface InboundJob {
  readonly message: InboundWakuMessage;
  readonly origin: Origin;
  /** The envelope time status-go checks message clocks against. */
  readonly envelopeMs: number;
  readonly prepared: Prepared;
}

type SymmetricRoute = Extract<Route, { kind: 'symmetric' }>;

/**
 * Routes and decodes one message. A message without a Waku timestamp (optional on the wire) is dated by
 * the gateway's receipt time, which the relay has already held to its time window.
 */
export const prepareInbound = (
  message: InboundWakuMessage,
  routes: RouteTable,
  segments: { readonly assembler: SegmentAssembler; readonly nowMs: number },
): InboundJob => {
  const timestampNs = message.timestamp === undefined ? 0n : BigInt(message.timestamp);
  const origin: Origin = {
    hash: message.hash,
    atMs: timestampNs === 0n ? message.receivedAt : wakuTimestampNsToMs(timestampNs),
  };
  const envelopeMs = timestampNs === 0n ? message.receivedAt : whisperTimestampMs(timestampNs);
  return { message, origin, envelopeMs, prepared: route(message, routes, segments) };
};

const route = (
  message: InboundWakuMessage,
  routes: RouteTable,
  segments: { readonly assembler: SegmentAssembler; readonly nowMs: number },
): Prepared => {
  const found = routes.lookup(message.contentTopic);
  const request = found.find((candidate) => candidate.kind === 'requests');
  // A collision of a request topic with a symmetric one is a 1-in-2^32 accident: the request handler wins.
  if (request) return { kind: 'request', communityId: request.communityId };
  const symmetric = found.filter((candidate): candidate is SymmetricRoute => candidate.kind === 'symmetric');
  if (symmetric.length === 0) return { kind: 'unrouted' };
  return { kind: 'decoded', decoded: decodeRouted(base64ToBytes(message.payload), symmetric, segments) };
};
