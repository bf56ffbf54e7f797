import { ErrorCode } from '@status-communities/errors';
import { apiError } from '../errors/api-error.js';

/** The parent of CommunityStats fields: one community over whole UTC days, both ends included. */
export interface StatsScope {
  readonly communityId: string;
  /** Midnight UTC of the first day. */
  readonly from: Date;
  /** Midnight UTC of the last day. */
  readonly to: Date;
}

export const MAX_STATS_DAYS = 366;
const DAY_MS = 86_400_000;

/** Validates a YYYY-MM-DD range: from ≤ to, at most MAX_STATS_DAYS days. */
export const statsScope = (communityId: string, from: string, to: string): StatsScope => {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  const days = (end.getTime() - start.getTime()) / DAY_MS + 1;
  if (days < 1) throw apiError(ErrorCode.BAD_USER_INPUT, 'range.from must not be after range.to');
  if (days > MAX_STATS_DAYS)
    throw apiError(ErrorCode.BAD_USER_INPUT, `A range covers at most ${MAX_STATS_DAYS} days`, { days });
  return { communityId, from: start, to: end };
};
