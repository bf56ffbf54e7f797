import type { MemberRole, MemberState, Prisma } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import type { ApiContext } from '../context.js';
import { apiError, fromStatusError } from '../errors/api-error.js';
import type { PageArgs } from '../relay/connection.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import { memberSearchWhere } from './member-search.js';

export interface MemberListArgs extends PageArgs {
  readonly state?: MemberState | null;
  readonly role?: MemberRole | null;
  readonly search?: string | null;
}

const memberKeyCursor = (cursor: unknown): string | undefined => {
  if (cursor === undefined || typeof cursor === 'string') return cursor;
  throw apiError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor');
};

/**
 * A page of a community's members in key order, filtered by state, role and search. Keyset pagination on
 * the member key (`> after`, `< before`) rather than Prisma's cursor: a cursor row that no longer matches
 * the filters (renamed, left) would otherwise shift the page by one, or empty it once deleted.
 */
export const listMembers = async ({ services }: ApiContext, communityId: string, args: MemberListArgs) => {
  const page = pageQuery<unknown>(args);
  const cursor = memberKeyCursor(page.cursor);
  const search = args.search == null ? undefined : memberSearchWhere(args.search);
  if (search && !search.ok) throw fromStatusError(search.error);
  const filters: Prisma.MemberWhereInput[] = [
    { communityId, state: args.state ?? 'ACTIVE' },
    ...(args.role ? [{ roles: { has: args.role } }] : []),
    ...(search?.value ? [search.value] : []),
  ];
  const afterCursor: Prisma.MemberWhereInput[] =
    cursor === undefined ? [] : [{ memberKey: page.backward ? { lt: cursor } : { gt: cursor } }];
  const [rows, totalCount] = await Promise.all([
    services.prisma.member.findMany({
      where: { AND: [...filters, ...afterCursor] },
      orderBy: { memberKey: page.backward ? 'desc' : 'asc' },
      take: page.size + 1,
    }),
    services.prisma.member.count({ where: { AND: filters } }),
  ]);
  // toConnection takes rows in page order, a backward page's extra row first.
  const ordered = page.backward ? rows.reverse() : rows;
  return { ...toConnection(ordered, page, (member) => member.memberKey), totalCount };
};
