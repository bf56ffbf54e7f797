import type { ApiScope } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import type { Caller } from '../context.js';
import { apiError } from '../errors/api-error.js';

/** ADMIN holds every scope of its tenant. */
export const hasScope = (caller: Caller, scope: ApiScope): boolean =>
  caller.scopes.includes(scope) || caller.scopes.includes('ADMIN');

/** Throws FORBIDDEN (a GraphQL error on the field) unless the caller holds `scope`. */
export const requireScope = (caller: Caller, scope: ApiScope): void => {
  if (!hasScope(caller, scope))
    throw apiError(ErrorCode.FORBIDDEN, `This operation needs the ${scope} scope`, { scope });
};
