import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { nextFrame, nextFramePrefix, serialisePayload } from './next-frame.js';

// What graphql-ws itself sends for a result (its `next` emitter): the frame the shared path must equal.
const graphqlWsFrame = (id: string, result: { data?: unknown; errors?: readonly GraphQLError[] }) => {
  const { errors, ...rest } = result;
  return stringifyMessage({
    id,
    type: MessageType.Next,
    payload: { ...rest, ...(errors ? { errors: errors.map((error) => error.toJSON()) } : {}) } as never,
  });
};

describe('graphql-ws next frames from a shared payload', () => {
  it('equals the frame graphql-ws builds, for any id', () => {
    const result = { data: { messageAdded: { eventId: '1-0', text: 'a "quoted" line\nand\u2028more' } } };
    for (const id of ['1', 'a1b2c3d4-uuid', 'quote"back\\slash', '</script>\u0000\ud83d\ude00'])
      expect(nextFrame(nextFramePrefix(id), serialisePayload(result))).toBe(graphqlWsFrame(id, result));
  });

  it('carries errors in their JSON form, as graphql-ws does', () => {
    const result = {
      data: null,
      errors: [new GraphQLError('too slow', { extensions: { code: 'SLOW_CONSUMER' } })],
    };
    const frame = nextFrame(nextFramePrefix('7'), serialisePayload(result));
    expect(frame).toBe(graphqlWsFrame('7', result));
    expect(JSON.parse(frame)).toEqual({
      id: '7',
      type: 'next',
      payload: { data: null, errors: [{ message: 'too slow', extensions: { code: 'SLOW_CONSUMER' } }] },
    });
  });
});
