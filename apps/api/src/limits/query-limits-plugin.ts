import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@status-communities/errors';
import type { ApiContext } from '../context.js';
import { apiError } from '../errors/api-error.js';
import { measureOperation } from './operation-size.js';
import { argumentTextProblem } from './operation-text.js';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
}

/** The error for an operation over a limit, or null; shared by HTTP (plugin) and graphql-ws (onSubscribe). */
export const checkQueryLimits = (
  limits: QueryLimits,
  ...operation: Parameters<typeof measureOperation>
): ReturnType<typeof apiError> | null => {
  const [document, definition, variables = {}] = operation;
  // Mutations answer such text with user errors on the field, and audit the refusal (runMutation).
  const problem = definition.operation === 'mutation' ? null : argumentTextProblem(document, variables);
  if (problem) return apiError(ErrorCode.BAD_USER_INPUT, `A string argument ${problem}`, {}, 400);
  const size = measureOperation(...operation);
  if (size.depth > limits.maxDepth)
    return apiError(
      ErrorCode.QUERY_TOO_DEEP,
      `Query depth ${size.depth} is above the limit of ${limits.maxDepth}`,
      { depth: size.depth, maxDepth: limits.maxDepth },
      400,
    );
  if (size.cost > limits.maxCost)
    return apiError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `Query cost ${size.cost} is above the limit of ${limits.maxCost}`,
      { cost: size.cost, maxCost: limits.maxCost },
      400,
    );
  // 5,000 aliases of a cheap field stay under any cost that lets real pages through, yet each one runs
  // its resolver: refused as too complex on their own count.
  if (size.aliases > limits.maxAliases)
    return apiError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `Query has ${size.aliases} aliased fields, above the limit of ${limits.maxAliases}`,
      { aliases: size.aliases, maxAliases: limits.maxAliases },
      400,
    );
  return null;
};

/**
 * Refuses too deep or too costly operations, and arguments no field takes, after parsing and validation,
 * before any resolver runs.
 */
export const queryLimitsPlugin = (limits: QueryLimits): ApolloServerPlugin<ApiContext> => ({
  requestDidStart: async () => ({
    didResolveOperation: async ({ document, operation, request, contextValue }) => {
      const refused = operation && checkQueryLimits(limits, document, operation, request.variables ?? {});
      if (!refused) return;
      contextValue.services.metrics.refused.inc({ code: String(refused.extensions['code']) });
      throw refused;
    },
  }),
});
