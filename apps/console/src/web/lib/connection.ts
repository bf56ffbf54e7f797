/** A Relay connection as the API answers it. */
export interface Connection<N> {
  readonly edges: readonly { readonly cursor: string; readonly node: N }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly totalCount?: number;
}

/** Pages read so far of one list: the nodes in order, and where the next page starts. */
export interface PagedList<N> {
  readonly nodes: readonly N[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount?: number;
}

export const emptyList = <N>(): PagedList<N> => ({ nodes: [], endCursor: null, hasNextPage: false });

/**
 * The list with one more page: a node already shown (a live update put it there, or the list moved under the
 * cursor) keeps its place instead of appearing twice.
 */
export const appendPage = <N>(
  list: PagedList<N>,
  page: Connection<N>,
  keyOf: (node: N) => string,
): PagedList<N> => {
  const seen = new Set(list.nodes.map(keyOf));
  const added = page.edges.map((edge) => edge.node).filter((node) => !seen.has(keyOf(node)));
  return {
    nodes: [...list.nodes, ...added],
    endCursor: page.pageInfo.endCursor ?? list.endCursor,
    hasNextPage: page.pageInfo.hasNextPage,
    ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}),
  };
};

/** Forward paging variables: `first`, and `after` once a page was read. */
export const nextPageVariables = (list: PagedList<unknown>, pageSize: number) => ({
  first: pageSize,
  after: list.endCursor,
});
