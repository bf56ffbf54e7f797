import { describe, expect, it } from '@jest/globals';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { cacheableCommunity } from './cacheable-query.js';

const A = `0x02${'aa'.repeat(32)}`;
const B = `0x03${'bb'.repeat(32)}`;
const CHANNEL = `${A}0b6c8d44-2d6b-4d4e-9f4c-6a1f0f2c1e11`;

const operationOf = (source: string): OperationDefinitionNode => {
  const [definition] = parse(source).definitions;
  if (definition?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
  return definition;
};

const communityOf = (source: string, variables?: Record<string, unknown>) =>
  cacheableCommunity(operationOf(source), variables);

describe('cacheableCommunity', () => {
  it('names the community of a community, messages or stats query, from literals or variables', () => {
    expect(communityOf(`{ community(ref: { id: "${A}" }) { name } }`)).toBe(A);
    expect(communityOf('query ($id: String!) { community(ref: { id: $id }) { name } }', { id: A })).toBe(A);
    expect(
      communityOf('query ($ref: CommunityRef!) { community(ref: $ref) { name } }', { ref: { id: A } }),
    ).toBe(A);
    expect(
      communityOf('query ($c: String!) { messages(channelId: $c, first: 20) { edges { cursor } } }', {
        c: CHANNEL,
      }),
    ).toBe(A);
    expect(
      communityOf(
        `{ stats(communityId: "${A.toUpperCase().replace('0X', '0x')}", range: { from: "2026-01-01", to: "2026-02-01" }) { totalMessages } }`,
      ),
    ).toBe(A);
  });

  it('takes several root fields and __typename when they read the same community', () => {
    expect(
      communityOf(
        `{ __typename community(ref: { id: "${A}" }) { name } messages(channelId: "${CHANNEL}") { edges { cursor } } }`,
      ),
    ).toBe(A);
  });

  it('refuses what another community, another field or a mutation could change', () => {
    expect(
      communityOf(
        `{ community(ref: { id: "${A}" }) { name } stats(communityId: "${B}", range: { from: "a", to: "b" }) { totalMessages } }`,
      ),
    ).toBeUndefined();
    expect(communityOf(`{ community(ref: { id: "${A}" }) { name } viewer { tenantId } }`)).toBeUndefined();
    expect(communityOf('{ ping }')).toBeUndefined();
    expect(communityOf(`mutation { community(ref: { id: "${A}" }) { name } }`)).toBeUndefined();
    expect(communityOf(`subscription { messages(channelId: "${CHANNEL}") { text } }`)).toBeUndefined();
  });

  it('refuses refs it cannot tie to a community without reading: chat keys, URLs, missing or malformed ids', () => {
    expect(communityOf('{ community(ref: { chatKey: "zQ3abc" }) { name } }')).toBeUndefined();
    expect(
      communityOf(`{ community(ref: { id: "${A}", url: "https://status.app/c/x" }) { name } }`),
    ).toBeUndefined();
    expect(
      communityOf('query ($c: String!) { messages(channelId: $c) { edges { cursor } } }', {}),
    ).toBeUndefined();
    expect(communityOf('{ messages(channelId: "general") { edges { cursor } } }')).toBeUndefined();
    expect(
      communityOf('{ stats(communityId: "0x04abc", range: { from: "a", to: "b" }) { totalMessages } }'),
    ).toBeUndefined();
  });

  it('refuses fragments and directives at the root', () => {
    expect(
      communityOf(`query { ...F } fragment F on Query { community(ref: { id: "${A}" }) { name } }`),
    ).toBeUndefined();
    expect(
      communityOf(`query ($skip: Boolean!) { community(ref: { id: "${A}" }) @skip(if: $skip) { name } }`, {
        skip: false,
      }),
    ).toBeUndefined();
    expect(cacheableCommunity(undefined, {})).toBeUndefined();
  });
});
