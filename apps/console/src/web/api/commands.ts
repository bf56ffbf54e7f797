import type { ApiProblem } from './errors.js';
import { ApiError } from './errors.js';
import type { GraphQLClient } from './graphql-client.js';

/** What a mutation of the platform answers: the queued command, or the user errors that refused it. */
export interface CommandPayload {
  readonly command?: { readonly id: string } | null;
  readonly userErrors: readonly ApiProblem[];
}

/**
 * Runs a mutation whose payload is the document's one field; user errors (input refused, nothing done) are
 * thrown as an ApiError like GraphQL errors, so a page shows both the same way.
 */
export const runCommand = async <P extends CommandPayload>(
  client: GraphQLClient,
  document: string,
  input: Record<string, unknown>,
): Promise<P> => {
  const data = await client.request<Record<string, P>>(document, { input });
  const payload = Object.values(data)[0];
  if (!payload) throw new ApiError([{ code: 'INTERNAL', message: 'No payload in the answer' }], 200);
  if (payload.userErrors.length > 0) throw new ApiError(payload.userErrors, 200);
  return payload;
};

/** A fresh idempotency key per click: a retried request is done once by the API. */
export const idempotencyKey = (): string => crypto.randomUUID();
