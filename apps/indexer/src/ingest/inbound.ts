// The CPU part of an inbound job — route by content topic, decrypt, verify — done as the job arrives, so it
// overlaps the previous batch's database work. Nothing here reads stored state but the group keys of hosted
// encrypted communities (cached; decode/hash-ratchet.ts).
import { wakuTimestampNsToMs, whisperTimestampMs } from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { Origin } from '../acceptance/decision.js';
import { toDecoded } from '../decode/decode.js';
import type { Decoded } from '../decode/decode.js';
import type { Decoder } from '../decode/decoder.js';
import type { HashRatchetOpening } from '../decode/hash-ratchet.js';
import { openHashRatchet } from '../decode/hash-ratchet.js';
import type { RouteTable } from '../routing/route-table.js';

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

/**
 * Routes and decodes one message. A message without a Waku timestamp (optional on the wire) is dated by
 * the gateway's receipt time, which the relay has already held to its time window.
 */
export const prepareInbound = async (
  message: InboundWakuMessage,
  routes: RouteTable,
  decoder: Decoder,
  nowMs: number,
  hashRatchet?: HashRatchetOpening,
): Promise<InboundJob> => {
  const timestampNs = message.timestamp === undefined ? 0n : BigInt(message.timestamp);
  const origin: Origin = {
    hash: message.hash,
    atMs: timestampNs === 0n ? message.receivedAt : wakuTimestampNsToMs(timestampNs),
  };
  const envelopeMs = timestampNs === 0n ? message.receivedAt : whisperTimestampMs(timestampNs);
  return { message, origin, envelopeMs, prepared: await route(message, routes, decoder, nowMs, hashRatchet) };
};

const route = async (
  message: InboundWakuMessage,
  routes: RouteTable,
  decoder: Decoder,
  nowMs: number,
  hashRatchet: HashRatchetOpening | undefined,
): Promise<Prepared> => {
  const found = routes.lookup(message.contentTopic);
  const request = found.find((candidate) => candidate.kind === 'requests');
  // A collision of a request topic with a symmetric one is a 1-in-2^32 accident: the request handler wins.
  if (request) return { kind: 'request', communityId: request.communityId };
  // Symmetric routes always carry a key (only the ECIES request topic has none, and it is forwarded).
  const keyed = found.flatMap((candidate) => {
    const symKey = candidate.kind === 'symmetric' ? candidate.topic.symKey : null;
    return symKey && candidate.kind === 'symmetric' ? [{ route: candidate, symKey }] : [];
  });
  if (keyed.length === 0) return { kind: 'unrouted' };
  const opened = await decoder.open({
    payload: base64ToBytes(message.payload),
    symKeys: keyed.map((candidate) => candidate.symKey),
    nowMs,
  });
  const decoded = toDecoded(
    opened,
    keyed.map((candidate) => candidate.route),
  );
  return { kind: 'decoded', decoded: await openHashRatchet(decoded, hashRatchet) };
};
