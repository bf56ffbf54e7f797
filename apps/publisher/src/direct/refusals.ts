// Why a 1:1 message offered to a bot was refused: a metrics label (publisher_direct_refused_total) and the
// ErrorCode the job fails with. A refusal changes nothing stored (no session, bundle, message or contact).
import { ErrorCode, StatusError } from '@status-communities/errors';

export type DirectRefusalReason =
  /** No bot identity with this key. */
  | 'unknown-bot'
  /**
   * Does not open with the bot's key on its partitioned topic: sealed to another key of the same partition
   * (one in 5000 of all identities share it), or damaged.
   */
  | 'not-for-us'
  /** The envelope, ProtocolMessage, headers or plaintext do not decode or decrypt. */
  | 'garbage'
  /** A bundle the message carries does not verify, or is not the sender's. */
  | 'forged-bundle'
  /** An application message signed by someone other than the envelope's signer. */
  | 'wrong-signer'
  /** No entry for our installation nor "none" (the peer encrypts to a device we do not have). */
  | 'unknown-installation'
  /** A ratchet message for a session we do not have, and no X3DH header to start one. */
  | 'no-session'
  /** A ratchet message whose key was used already. */
  | 'replayed'
  /** A ratchet message that would skip more keys than allowed. */
  | 'skip-limit';

export interface DirectRefusal {
  readonly reason: DirectRefusalReason;
  readonly error: StatusError;
}

export const directRefusal = (
  reason: DirectRefusalReason,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): DirectRefusal => ({ reason, error: new StatusError(code, message, details) });

/** The reason a failure of a layer of the 1:1 stack stands for. */
export const refusalOf = (error: StatusError): DirectRefusal => {
  const reason: DirectRefusalReason = (() => {
    switch (error.code) {
      case ErrorCode.REPLAYED_MESSAGE:
        return 'replayed';
      case ErrorCode.RATCHET_SKIP_LIMIT:
        return 'skip-limit';
      case ErrorCode.WRONG_SIGNER:
        return 'wrong-signer';
      case ErrorCode.NOT_FOUND:
        return error.details['reason'] === 'device-not-found' ? 'unknown-installation' : 'no-session';
      default:
        return 'garbage';
    }
  })();
  return { reason, error };
};
