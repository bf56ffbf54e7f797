// Why a message offered to a bot's key intake was refused: a metrics label (publisher_member_keys_refused_total)
// and the ErrorCode the job fails with. Every refusal leaves the stored keys as they were.
import type { ErrorCode } from '@status-communities/errors';
import { StatusError } from '@status-communities/errors';

export type MemberKeysRefusalReason =
  /** The Waku envelope or the AMM is signed by someone other than the community's control node. */
  | 'wrong-signer'
  /** The bot's rekey entry is there but does not open with ECDH(bot, control node): forged or damaged. */
  | 'forged-rekey'
  /** A 1:1 key exchange whose keys are all held already. */
  | 'replayed'
  /** A privateData entry under a key of this intake does not open: the keys are not the ones used. */
  | 'garbage-private-data'
  /** The bytes do not decode as what they claim to be (envelope, ProtocolMessage, HRKeys, AMM). */
  | 'malformed'
  /** Not sealed to the bot, or no entry or key for it. */
  | 'not-for-us'
  /** A key of a group that is not the named community's. */
  | 'foreign-group'
  /** The bot never asked to join the community. */
  | 'not-joined'
  /** No GROUP_KEYS_MASTER_KEY: keys cannot be stored. */
  | 'no-group-keys';

export interface MemberKeysRefusal {
  readonly reason: MemberKeysRefusalReason;
  readonly error: StatusError;
}

export const refusal = (
  reason: MemberKeysRefusalReason,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): MemberKeysRefusal => ({ reason, error: new StatusError(code, message, details) });
