import { z } from 'zod';

/** Lowercase hex without `0x`, any even length. */
export const HexSchema = z.string().regex(/^(?:[0-9a-f]{2})*$/, 'expected lowercase hex without 0x');

/** A 14/WAKU2-MESSAGE deterministic message hash: 32 bytes, lowercase hex, no `0x` (also the inbound job id). */
export const WakuMessageHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32-byte lowercase hex');

/** `0x`-prefixed lowercase hex, as Status ids (message ids, request ids) are written. */
export const PrefixedHexSchema = z
  .string()
  .regex(/^0x(?:[0-9a-f]{2})+$/, 'expected 0x-prefixed lowercase hex');

/** `0x` + compressed secp256k1 community key, the community id everywhere in Status. */
export const CommunityIdSchema = z.string().regex(/^0x0[23][0-9a-f]{64}$/, 'expected 0x + compressed key');

/** `0x04…` uncompressed secp256k1 public key: how Status names members. */
export const PublicKeySchema = z.string().regex(/^0x04[0-9a-f]{128}$/, 'expected 0x04 + uncompressed key');

/**
 * Bytes travel as standard (padded) base64: BullMQ stores job data as JSON, and base64 is a third larger where
 * hex would double a payload of up to 150 KiB.
 */
export const Base64Schema = z.base64();

/** uint64 values (Waku ns timestamps, Status clocks) as decimal strings: JSON numbers lose precision past 2^53. */
export const Uint64StringSchema = z.string().regex(/^(?:0|[1-9][0-9]{0,19})$/, 'expected a decimal uint64');

/** Follows one message or command through every service and log line. */
export const CorrelationIdSchema = z.string().min(1).max(128);

/** Milliseconds since the Unix epoch. */
export const EpochMillisSchema = z.number().int().nonnegative();

/** A Status channel uuid (the part after the community id in a chat id). */
export const ChannelIdSchema = z.string().min(1).max(128);
