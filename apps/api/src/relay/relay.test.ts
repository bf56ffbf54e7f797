import { describe, expect, it } from '@jest/globals';
import { pageQuery, toConnection } from './connection.js';
import { fromGlobalId, toGlobalId } from './global-id.js';

describe('global ids', () => {
  it('round-trip type and key, and refuse anything else', () => {
    expect(fromGlobalId(toGlobalId('Message', '0xabc'))).toEqual({ type: 'Message', key: '0xabc' });
    expect(fromGlobalId(Buffer.from('Secret:1').toString('base64url'))).toBeNull();
    expect(fromGlobalId('garbage')).toBeNull();
  });
});

describe('pages', () => {
  const rows = ['a', 'b', 'c', 'd'];

  it('ask one row more than the page, forward and backward', () => {
    expect(pageQuery({ first: 2 })).toMatchObject({ size: 2, backward: false, take: 3, skip: 0 });
    expect(pageQuery({ last: 2 })).toMatchObject({ size: 2, backward: true, take: -3 });
  });

  it('say whether there is more on either side', () => {
    const forward = toConnection(rows.slice(0, 3), pageQuery<string>({ first: 2 }), (row) => row);
    expect(forward.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(forward.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const backward = toConnection(rows.slice(1), pageQuery<string>({ last: 2 }), (row) => row);
    expect(backward.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
    expect(backward.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const next = pageQuery<string>({ first: 2, after: forward.pageInfo.endCursor });
    expect(next.cursor).toBe('b');
    expect(next.skip).toBe(1);
  });

  it('refuse more than 100, negative sizes, first with last and broken cursors', () => {
    for (const args of [{ first: 101 }, { last: -1 }, { first: 1, last: 1 }, { after: '%%%' }])
      expect(() => pageQuery(args)).toThrow();
  });
});
