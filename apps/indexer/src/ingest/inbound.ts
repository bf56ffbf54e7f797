// The CPU part of an inbound job — route by content topic, decrypt, verify — done as the job arrives, so it
// overlaps the previous batch's database work. Nothing here reads stored state but the group keys of hosted
// encrypted communities (cached; decode/hash-ratchet.ts).
import { wakuTimestampNsToMs, whisperTimestampMs } from '@status-communities/protocol';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { Origin } from '../acceptance/decision.js';
import { toDecoded } from '../decode/decode.js';
import type { Decoded } from '../decode/decode.js';
import type { Decoder } from '../decode/decoder.js';
import type { HashRatchetOpening } from '../decode/hash-ratchet.js';
import { openHashRatchet } from '../decode/hash-ratchet.js';
import { openPrivateDescription } from '../decode/private-description.js';
import type { RouteTable } from '../routing/route-table.js';

export type Prepared =
  /** No watched or hosted community uses the content topic (most relayed traffic). */
  | { readonly kind: 'unrouted' }
  /** A hosted community's request topic: forwarded untouched. */
  | { readonly kind: 'request'; readonly communityId: string }
  /** A bot's 1:1 topic (partitioned or negotiated): forwarded untouched to the publisher (direct.received). */
  | { readonly kind: 'direct'; readonly botKeys: readonly string[] }
  | { readonly kind: 'decoded'; readonly decoded: Decoded };

/**
 * A description of a community run elsewhere whose rekey envelope has an entry for a bot of ours: the bot
 * takes its keys from it with the key only the publisher holds.
 */
export interface MemberKeysForward {
  readonly botKey: string;
  readonly communityId: string;
}

export interface InboundJob {
  readonly message: InboundWakuMessage;
  readonly origin: Origin;
  /** The envelope time status-go checks message clocks against. */
  readonly envelopeMs: number;
  readonly prepared: Prepared;
  /** Bots of ours the message may carry keys for (handed to the publisher as received). */
  readonly memberKeys?: readonly MemberKeysForward[];
  /** Bots of ours the message is a 1:1 message to (handed to the publisher as received). */
  readonly direct?: readonly string[];
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
  const prepared = await route(message, routes, decoder, nowMs, hashRatchet);
  return {
    message,
    origin,
    envelopeMs,
    prepared,
    memberKeys: memberKeysOf(prepared, routes),
    direct: prepared.kind === 'direct' ? prepared.botKeys : [],
  };
};

/** Our bots named by an entry of a foreign description's rekey envelope. */
const memberKeysOf = (prepared: Prepared, routes: RouteTable): MemberKeysForward[] => {
  if (prepared.kind !== 'decoded' || prepared.decoded.kind !== 'message') return [];
  const { decoded } = prepared;
  const { communityId } = decoded.route;
  if (
    !decoded.rekeyEntries ||
    decoded.message.typeName !== 'COMMUNITY_DESCRIPTION' ||
    routes.isHosted(communityId)
  )
    return [];
  return routes.botsNamedIn(decoded.rekeyEntries).map((botKey) => ({ botKey, communityId }));
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
  const botKeys = found.flatMap((candidate) => (candidate.kind === 'direct' ? [candidate.botKey] : []));
  // 1:1 messages to a bot are ECIES to its key or under a secret of its key: nothing here can open them.
  if (botKeys.length > 0) return { kind: 'direct', botKeys };
  // Symmetric routes always carry a key (only the ECIES request topic has none, and it is forwarded).
  const keyed = found.flatMap((candidate) => {
    const symKey = candidate.kind === 'symmetric' ? candidate.topic.symKey : null;
    return symKey && candidate.kind === 'symmetric' ? [{ route: candidate, symKey }] : [];
  });
  if (keyed.length === 0) return { kind: 'unrouted' };
  const opened = await decoder.open({
    payload: message.payload,
    symKeys: keyed.map((candidate) => candidate.symKey),
    nowMs,
  });
  const decoded = toDecoded(
    opened,
    keyed.map((candidate) => candidate.route),
  );
  return {
    kind: 'decoded',
    decoded: await openPrivateDescription(await openHashRatchet(decoded, hashRatchet), hashRatchet),
  };
};
