import type { ExecutionResult } from 'graphql';

/**
 * graphql-ws `next` frames built from a payload serialised once for many subscribers: only the subscription
 * id differs between them, JSON-escaped once per subscription into the frame's start.
 */
export const nextFramePrefix = (id: string): string => `{"id":${JSON.stringify(id)},"type":"next","payload":`;

export const nextFrame = (prefix: string, payload: string): string => `${prefix}${payload}}`;

/** An execution result as graphql-ws sends it: errors in their JSON form, left out when there are none. */
export const serialisePayload = (result: ExecutionResult): string => {
  const { errors, ...rest } = result;
  return JSON.stringify(errors ? { ...rest, errors: errors.map((error) => error.toJSON()) } : rest);
};
