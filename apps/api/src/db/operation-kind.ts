import { getOperationAST, parse } from 'graphql';
import type { DocumentNode } from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** The kind of the operation a document runs; undefined when it names none or several without a choice. */
export const operationKindOf = (
  document: DocumentNode,
  operationName?: string | null,
): OperationKind | undefined => getOperationAST(document, operationName ?? undefined)?.operation;

/**
 * The kind of an HTTP request's operation, from a JSON body (POST) or the query string (GET, where Apollo
 * refuses anything but a query anyway); undefined when it does not parse, which Apollo then refuses.
 */
export const httpOperationKind = (body: unknown, search: string): OperationKind | undefined => {
  const fields: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(search));
  const { query, operationName } = fields;
  if (typeof query !== 'string') return undefined;
  try {
    return operationKindOf(parse(query), typeof operationName === 'string' ? operationName : undefined);
  } catch {
    return undefined;
  }
};
