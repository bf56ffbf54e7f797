import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/**
 * The longest string any argument takes: a status.app share URL (libs/protocol reads at most 16,384
 * characters of one). Fields with a tighter rule check it themselves.
 */
export const MAX_INPUT_STRING_LENGTH = 16_384;

// A UTF-16 surrogate without its other half: not Unicode text, and PostgreSQL refuses it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Why a string argument is refused whatever its field (too long, or text PostgreSQL cannot hold), or null. */
export const textProblem = (text: string): string | null => {
  if (text.length > MAX_INPUT_STRING_LENGTH) return `must be at most ${MAX_INPUT_STRING_LENGTH} characters`;
  // PostgreSQL text cannot hold NUL: refused here rather than failing in a query or a service later.
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of a row keyed by a uuid column: PostgreSQL refuses to compare one with any other text. */
export const checkUuid = (id: string): Result<void> =>
  UUID.test(id) ? ok(undefined) : fail(ErrorCode.BAD_USER_INPUT, 'must be a UUID');

/** The text with what PostgreSQL cannot hold (NUL, lone surrogates) replaced by U+FFFD. */
export const storableText = (text: string): string =>
  text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
