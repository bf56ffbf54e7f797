import { GraphQLError } from 'graphql';
import type { ErrorCode, StatusError } from '@status-communities/errors';

/** A GraphQL error whose `extensions.code` is the platform's ErrorCode; `http` sets the response status. */
export const apiError = (
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  httpStatus?: number,
): GraphQLError =>
  new GraphQLError(message, {
    extensions: {
      code,
      ...extensions,
      ...(httpStatus === undefined ? {} : { http: { status: httpStatus } }),
    },
  });

/** The GraphQL error for a StatusError a resolver decided to surface (details become extensions). */
export const fromStatusError = (error: StatusError): GraphQLError =>
  apiError(error.code, error.message, { ...error.details });
