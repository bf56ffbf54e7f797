import type { MemberRole, MemberState, RequestToJoinState } from '@status-communities/db';

export type BotMembershipState = 'MEMBER' | RequestToJoinState | Exclude<MemberState, 'ACTIVE'>;

export interface MembershipRow<C> {
  readonly community: C;
  readonly state: MemberState;
  readonly roles: readonly MemberRole[];
  readonly joinedAt: Date;
  readonly leftAt: Date | null;
}

export interface RequestRow<C> {
  readonly community: C;
  readonly state: RequestToJoinState;
  readonly receivedAt: Date;
}

export interface BotMembership<C> {
  readonly community: C;
  readonly state: BotMembershipState;
  readonly roles: readonly MemberRole[];
  readonly joinedAt: Date | null;
  readonly requestedAt: Date | null;
}

interface Standing<C> {
  readonly community: C;
  member?: MembershipRow<C>;
  request?: RequestRow<C>;
}

/** An active member is a MEMBER; otherwise the newer of its latest request and its past membership. */
const stateOf = ({ member, request }: Standing<unknown>): BotMembershipState => {
  if (member?.state === 'ACTIVE') return 'MEMBER';
  if (!member) return request?.state ?? 'CANCELED';
  if (request && request.receivedAt > (member.leftAt ?? member.joinedAt)) return request.state;
  return member.state;
};

/**
 * One bot's standing in each community it has a member row or a request to join in (a bot that left and
 * asked again is PENDING; one banned after its request was accepted is BANNED), sorted by community name.
 */
export const botMemberships = <C extends { readonly id: string; readonly name: string }>(
  members: readonly MembershipRow<C>[],
  requests: readonly RequestRow<C>[],
): BotMembership<C>[] => {
  const byCommunity = new Map<string, Standing<C>>();
  const standing = (community: C): Standing<C> => {
    let found = byCommunity.get(community.id);
    if (!found) byCommunity.set(community.id, (found = { community }));
    return found;
  };
  for (const member of members) standing(member.community).member = member;
  for (const request of requests) {
    const entry = standing(request.community);
    if (!entry.request || request.receivedAt > entry.request.receivedAt) entry.request = request;
  }
  return [...byCommunity.values()]
    .map((entry) => {
      const state = stateOf(entry);
      return {
        community: entry.community,
        state,
        roles: state === 'MEMBER' ? (entry.member?.roles ?? []) : [],
        joinedAt: entry.member?.joinedAt ?? null,
        requestedAt: entry.request?.receivedAt ?? null,
      };
    })
    .sort(
      (a, b) =>
        a.community.name.localeCompare(b.community.name) || a.community.id.localeCompare(b.community.id),
    );
};
