import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { payloadShapeOf } from './payload-shape.js';
import type { SubscriptionRequest } from './payload-shape.js';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Subscription { events(communityId: String, after: ID): Event! }
  type Event { eventId: ID! text(max: Int): String }
`);

const shapeOf = (request: SubscriptionRequest) => payloadShapeOf(schema, parse(request.query), request);

const QUERY = `subscription ($community: String, $after: ID, $withText: Boolean!) {
  events(communityId: $community, after: $after) { eventId text @include(if: $withText) }
}`;

describe('the payload shape of a subscription', () => {
  it('ignores the variables only the subscription field reads: they choose events, not payloads', () => {
    const one = shapeOf({ query: QUERY, variables: { community: 'a', after: '1-0', withText: true } });
    expect(shapeOf({ query: QUERY, variables: { community: 'b', after: '9-0', withText: true } })).toBe(one);
    expect(shapeOf({ query: QUERY, variables: { withText: true } })).toBe(one);
  });

  it('tells apart the variables the selection reads, the document and the operation', () => {
    const one = shapeOf({ query: QUERY, variables: { withText: true } });
    expect(shapeOf({ query: QUERY, variables: { withText: false } })).not.toBe(one);
    expect(shapeOf({ query: QUERY, variables: {} })).not.toBe(one);
    expect(shapeOf({ query: QUERY, variables: { withText: true }, operationName: 'Other' })).not.toBe(one);
    expect(shapeOf({ query: `${QUERY} `, variables: { withText: true } })).not.toBe(one);
  });

  it("reads the directives of the subscription field itself, though not the field's arguments", () => {
    const query = `subscription ($after: ID, $on: Boolean!) { events(after: $after) @include(if: $on) { eventId } }`;
    expect(shapeOf({ query, variables: { on: true, after: '1-0' } })).not.toBe(
      shapeOf({ query, variables: { on: false, after: '1-0' } }),
    );
    expect(shapeOf({ query, variables: { on: true, after: '1-0' } })).toBe(
      shapeOf({ query, variables: { on: true, after: '2-0' } }),
    );
  });

  it('reads the arguments of the fields below the subscription field, in fragments too', () => {
    const query = `subscription ($max: Int) { ...Root }
      fragment Root on Subscription { events { ...Text } }
      fragment Text on Event { text(max: $max) }`;
    expect(shapeOf({ query, variables: { max: 1 } })).not.toBe(shapeOf({ query, variables: { max: 2 } }));
    expect(shapeOf({ query, variables: { max: null } })).not.toBe(shapeOf({ query, variables: {} }));
  });
});
