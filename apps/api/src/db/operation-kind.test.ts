import { describe, expect, it } from '@jest/globals';
import { httpOperationKind } from './operation-kind.js';

describe('httpOperationKind', () => {
  it('reads the operation of a JSON body, by its name when there are several', () => {
    expect(httpOperationKind({ query: '{ ping }' }, '')).toBe('query');
    expect(httpOperationKind({ query: 'mutation { x }' }, '')).toBe('mutation');
    const both = 'query A { ping } mutation B { x }';
    expect(httpOperationKind({ query: both, operationName: 'B' }, '')).toBe('mutation');
    expect(httpOperationKind({ query: both, operationName: 'A' }, '')).toBe('query');
    expect(httpOperationKind({ query: both }, '')).toBeUndefined();
  });

  it('reads a GET request’s query string', () => {
    expect(
      httpOperationKind(undefined, `?query=${encodeURIComponent('subscription { events { type } }')}`),
    ).toBe('subscription');
  });

  it('says nothing of what does not parse or has no query', () => {
    expect(httpOperationKind({ query: '{ ping' }, '')).toBeUndefined();
    expect(httpOperationKind({ query: 7 }, '')).toBeUndefined();
    expect(httpOperationKind('not json', '')).toBeUndefined();
    expect(httpOperationKind([{ query: '{ ping }' }], '')).toBeUndefined();
  });
});
