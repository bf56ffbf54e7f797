import type { Result } from '@status-communities/errors';
import { ErrorCode } from '@status-communities/errors';
import { textProblem } from '../limits/input-text.js';
import type { UserErrorValue } from './user-errors.js';
import { userError } from './user-errors.js';

/** The longest list any mutation takes; the longest real one is the 52 community tags. */
export const MAX_INPUT_LIST_LENGTH = 100;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/**
 * Strings and lists no field may hold, anywhere in a mutation's input: too long, NUL, lone surrogates,
 * too many items. One user error per field at fault, named by its path.
 */
export const inputShapeErrors = (value: unknown, field: string[] = ['input']): UserErrorValue[] => {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [userError(ErrorCode.BAD_USER_INPUT, `${field.at(-1)} ${problem}`, field)] : [];
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_LIST_LENGTH)
      return [
        userError(
          ErrorCode.BAD_USER_INPUT,
          `${field.at(-1)} must have at most ${MAX_INPUT_LIST_LENGTH} items`,
          field,
        ),
      ];
    return value.flatMap((item, index) => inputShapeErrors(item, [...field, String(index)]));
  }
  if (isPlainObject(value))
    return Object.entries(value).flatMap(([key, inner]) => inputShapeErrors(inner, [...field, key]));
  return [];
};

/** An input field, its value (null or undefined: not given, not checked) and the rule it must meet. */
export type FieldCheck = readonly [
  field: readonly string[],
  value: unknown,
  check: (value: never) => Result<void>,
];

/** The refusals of the given checks, one user error per field. */
export const fieldCheckErrors = (checks: readonly FieldCheck[]): UserErrorValue[] =>
  checks.flatMap(([field, value, check]) => {
    if (value === null || value === undefined) return [];
    const checked = (check as (value: unknown) => Result<void>)(value);
    return checked.ok ? [] : [userError(ErrorCode.BAD_USER_INPUT, checked.error.message, [...field])];
  });
