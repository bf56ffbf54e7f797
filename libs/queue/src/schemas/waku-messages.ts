import { z } from 'zod';
import {
  Base64Schema,
  CorrelationIdSchema,
  EpochMillisSchema,
  Uint64StringSchema,
  WakuMessageHashSchema,
} from './primitives.js';

const Uint32Schema = z.number().int().min(0).max(0xffff_ffff);

/** The WakuMessage fields both directions share; bytes are base64, the ns timestamp a decimal string. */
const WakuMessageFields = {
  pubsubTopic: z.string().min(1),
  contentTopic: z.string().min(1),
  payload: Base64Schema,
  /** Status traffic is version 1 (26/WAKU2-PAYLOAD); absent on the wire reads as 0. */
  version: Uint32Schema,
  meta: Base64Schema.optional(),
  ephemeral: z.boolean().optional(),
  correlationId: CorrelationIdSchema,
};

/** queue `waku.inbound`: a message as relayed, job id = `hash` so it is processed once however often it arrives. */
export const InboundWakuMessageSchema = z.object({
  ...WakuMessageFields,
  /** Unix ns; optional on the wire, so optional here: the indexer decides what a message without one means. */
  timestamp: Uint64StringSchema.optional(),
  hash: WakuMessageHashSchema,
  receivedAt: EpochMillisSchema,
});
export type InboundWakuMessage = z.infer<typeof InboundWakuMessageSchema>;

/** queue `waku.outbound`: a finished message; the gateway publishes it as is and never holds a key. */
export const OutboundWakuMessageSchema = z.object({
  ...WakuMessageFields,
  /** Unix ns; the platform always stamps what it publishes (store nodes drop messages far from real time). */
  timestamp: Uint64StringSchema,
});
export type OutboundWakuMessage = z.infer<typeof OutboundWakuMessageSchema>;
