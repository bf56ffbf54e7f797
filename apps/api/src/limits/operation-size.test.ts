import { describe, expect, it } from '@jest/globals';
import type { OperationDefinitionNode } from 'graphql';
import { getOperationAST, parse } from 'graphql';
import { measureOperation } from './operation-size.js';

const measure = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return measureOperation(document, getOperationAST(document) as OperationDefinitionNode, variables);
};

describe('measureOperation', () => {
  it('counts depth through fields, inline fragments and named fragments', () => {
    expect(measure('{ ping }')).toEqual({ depth: 1, cost: 1, aliases: 0 });
    expect(measure('{ a { b { c } } }').depth).toBe(3);
    expect(measure('{ a { ...F } } fragment F on T { b { c { d } } }').depth).toBe(4);
    expect(measure('{ a { ... on T { b } } }').depth).toBe(2);
  });

  it('multiplies what a paged field selects by its page size, from literals or variables', () => {
    // messages(first: 10): 1 + 10 × (edges: 1 + node: 1 + messageId: 1)
    expect(measure('{ messages(first: 10) { edges { node { messageId } } } }').cost).toBe(31);
    expect(
      measure('query ($n: Int) { messages(last: $n) { edges { node { messageId } } } }', { n: 50 }).cost,
    ).toBe(151);
  });

  it('counts aliased fields as written, fragments expanded where spread', () => {
    expect(measure('{ a: ping b: ping ping }').aliases).toBe(2);
    expect(measure('{ viewer { k: keyId } x: viewer { keyId } }').aliases).toBe(2);
    expect(
      measure('{ ...F v: viewer { keyId } ... on Query { ...F } } fragment F on Query { p: ping q: ping }')
        .aliases,
    ).toBe(5);
    const many = `{ ${Array.from({ length: 5_000 }, (_, i) => `v${i}: viewer { keyId }`).join(' ')} }`;
    expect(measure(many)).toMatchObject({ aliases: 5_000, cost: 10_000 });
  });

  it('assumes the default page for a connection without a size, and ignores introspection fields', () => {
    expect(measure('{ messages { edges { node { messageId } } } }').cost).toBe(61);
    expect(measure('{ __typename ping }').cost).toBe(1);
  });
});
