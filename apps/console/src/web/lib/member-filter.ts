import type { FeedEvent } from '../api/live-feed.js';
import type { PagedList } from './connection.js';
import type { MemberRow } from './live-lists.js';
import { applyMemberEvent } from './live-lists.js';

export const MEMBER_ROLES = ['OWNER', 'ADMIN', 'TOKEN_MASTER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The API refuses a longer search (BAD_USER_INPUT): the box stops there. */
export const MAX_MEMBER_SEARCH_LENGTH = 140;

export interface MemberFilter {
  /** Part of a display name, the start of a key, or a whole key (the API reads it). */
  readonly search: string;
  readonly role: MemberRole | '';
}

export const NO_MEMBER_FILTER: MemberFilter = { search: '', role: '' };

/** The `search` and `role` variables of the members query: null when not set. */
export const memberFilterVariables = (filter: MemberFilter) => ({
  search: filter.search.trim() || null,
  role: filter.role || null,
});

export const isMemberFilterSet = (filter: MemberFilter): boolean =>
  filter.search.trim() !== '' || filter.role !== '';

export const isMemberRole = (value: string): value is MemberRole =>
  (MEMBER_ROLES as readonly string[]).includes(value);

const roleMatches = (filter: MemberFilter, member: MemberRow) =>
  filter.role === '' || member.roles.includes(filter.role);

/**
 * The API's search rule as far as the browser can follow it: part of the display name, or the start of the
 * key. (A whole `zQ3…` or compressed key would need the curve: such a joiner is left to the next load.)
 */
const searchMatches = (filter: MemberFilter, member: MemberRow) => {
  const needle = filter.search.trim().toLowerCase();
  if (needle === '') return true;
  if (member.displayName?.toLowerCase().includes(needle)) return true;
  const hex = needle.replace(/^0x/, '');
  return /^[0-9a-f]+$/.test(hex) && member.memberKey.toLowerCase().startsWith(`0x${hex}`);
};

/**
 * A live event applied to a filtered list of members: a joiner shows only when it matches the filter, and a
 * member whose roles change off the filtered role leaves the list (and its count).
 */
export const applyFilteredMemberEvent = (
  list: PagedList<MemberRow>,
  event: FeedEvent,
  filter: MemberFilter,
): PagedList<MemberRow> => {
  const next = applyMemberEvent(list, event);
  if (next === list) return list;
  const changed = next.nodes.find(
    (member) => member.memberKey === event['memberKey'] && !list.nodes.includes(member),
  );
  if (!changed) return next;
  const fits = event.type === 'MEMBER_JOINED' ? searchMatches(filter, changed) : true;
  if (fits && roleMatches(filter, changed)) return next;
  if (event.type === 'MEMBER_JOINED') return list;
  return {
    ...next,
    nodes: next.nodes.filter((member) => member !== changed),
    ...(next.totalCount !== undefined ? { totalCount: Math.max(0, next.totalCount - 1) } : {}),
  };
};
