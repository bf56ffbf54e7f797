// Whether a request to join is new, a copy of the one already handled, or an old one sent again.
import type { RequestToJoinState } from '@status-communities/db';

export type RequestNovelty =
  /** First request, or newer than the stored one: judge it. */
  | 'new'
  /** The stored request itself (a Waku duplicate or a retried job): nothing changes. */
  | 'duplicate'
  /** Older than the stored request, or the same one after it was canceled or its member left. */
  | 'replayed';

/**
 * Clocks are the requester's unix seconds, and a real new request (after a cancel, a leave or a decline)
 * always carries a later one. status-go saves an equal or older clock again; a replayed copy of a canceled
 * request or of a departed member's accepted one would then be re-admitted, so those are refused here.
 * An equal clock on a declined request is judged: the sticky-decline rule refuses it with its own reason.
 */
export const requestNovelty = (
  stored: { readonly clock: number; readonly state: RequestToJoinState } | null,
  clock: number,
  requesterIsMember: boolean,
): RequestNovelty => {
  if (!stored || clock > stored.clock) return 'new';
  if (clock < stored.clock) return 'replayed';
  switch (stored.state) {
    case 'PENDING':
      return 'duplicate';
    case 'ACCEPTED':
      return requesterIsMember ? 'duplicate' : 'replayed';
    case 'DECLINED':
      return 'new';
    case 'CANCELED':
      return 'replayed';
  }
};
