import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { UserErrorValue } from './user-errors.js';
import { userError } from './user-errors.js';

/**
 * Bounds for every string and list of every mutation input, whatever the field: the longest string a
 * mutation takes is a status.app share URL (libs/protocol reads at most 16,384 characters of one), the
 * longest list the 52 community tags. Fields with a tighter rule check it themselves.
 */
export const MAX_INPUT_STRING_LENGTH = 16_384;
export const MAX_INPUT_LIST_LENGTH = 100;

// A UTF-16 surrogate without its other half: not Unicode text, and PostgreSQL refuses it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const textProblem = (text: string): string | null => {
  if (text.length > MAX_INPUT_STRING_LENGTH) return `must be at most ${MAX_INPUT_STRING_LENGTH} characters`;
  // PostgreSQL text cannot hold NUL: refused here rather than failing in a service later.
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
};

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of a row keyed by a uuid column: PostgreSQL refuses to compare one with any other text. */
export const checkUuid = (id: string): Result<void> =>
  UUID.test(id) ? ok(undefined) : fail(ErrorCode.BAD_USER_INPUT, 'must be a UUID');

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
