import { ErrorCode } from '@status-communities/errors';
import { apiError } from '../errors/api-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** A page request as Prisma takes it: cursor pagination on a unique key, one extra row to see past the page. */
export interface PageQuery<K> {
  readonly size: number;
  readonly backward: boolean;
  readonly cursor: K | undefined;
  readonly take: number;
  readonly skip: number;
}

const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const decodeCursor = <K>(cursor: string): K => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as K;
  } catch {
    throw apiError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { cursor });
  }
};

/** Relay arguments → a page query; refuses first with last, negative sizes and sizes above 100. */
export const pageQuery = <K>(args: PageArgs): PageQuery<K> => {
  if (args.first != null && args.last != null)
    throw apiError(ErrorCode.BAD_USER_INPUT, 'Pass first (with after) or last (with before), not both');
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)
    throw apiError(ErrorCode.BAD_USER_INPUT, `Page size must be 0 to ${MAX_PAGE_SIZE}`, { size });
  const raw = backward ? args.before : args.after;
  const cursor = raw == null ? undefined : decodeCursor<K>(raw);
  return {
    size,
    backward,
    cursor,
    take: (backward ? -1 : 1) * (size + 1),
    skip: cursor === undefined ? 0 : 1,
  };
};

export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Rows fetched with `pageQuery` (one more than the page when there is more) → a Relay connection. */
export const toConnection = <T, K>(
  rows: readonly T[],
  page: PageQuery<K>,
  keyOf: (row: T) => K,
): Connection<T> => {
  const more = rows.length > page.size;
  // A backward page comes in order with the extra row first.
  const nodes = more
    ? page.backward
      ? rows.slice(rows.length - page.size)
      : rows.slice(0, page.size)
    : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.cursor !== undefined : more,
      hasPreviousPage: page.backward ? more : page.cursor !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
};
