import { describe, expect, it } from '@jest/globals';
import type { Connection } from './connection.js';
import { appendPage, emptyList, nextPageVariables } from './connection.js';

const page = (ids: string[], hasNextPage: boolean, totalCount?: number): Connection<{ id: string }> => ({
  edges: ids.map((id) => ({ cursor: `c-${id}`, node: { id } })),
  pageInfo: { hasNextPage, endCursor: ids.length > 0 ? `c-${ids.at(-1)}` : null },
  ...(totalCount !== undefined ? { totalCount } : {}),
});

describe('Relay pages', () => {
  it('appends pages in order and asks for the next from the last cursor', () => {
    let list = appendPage(emptyList<{ id: string }>(), page(['a', 'b'], true, 3), (node) => node.id);
    expect(nextPageVariables(list, 2)).toEqual({ first: 2, after: 'c-b' });
    list = appendPage(list, page(['c'], false, 3), (node) => node.id);
    expect(list).toEqual({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      endCursor: 'c-c',
      hasNextPage: false,
      totalCount: 3,
    });
  });

  it('shows a node once when a live update already put it in the list', () => {
    const live = { nodes: [{ id: 'new' }, { id: 'a' }], endCursor: 'c-a', hasNextPage: true };
    const list = appendPage(live, page(['a', 'new', 'b'], false), (node) => node.id);
    expect(list.nodes.map((node) => node.id)).toEqual(['new', 'a', 'b']);
  });

  it('keeps its cursor when an empty last page comes back', () => {
    const list = appendPage(
      { nodes: [{ id: 'a' }], endCursor: 'c-a', hasNextPage: true },
      page([], false),
      (n) => n.id,
    );
    expect(list.endCursor).toBe('c-a');
    expect(list.hasNextPage).toBe(false);
  });
});
