import type { z } from 'zod';
import type { ErrorCode } from '@status-communities/errors';

/** UserError of the schema, before GraphQL serialises it. */
export interface UserErrorValue {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string[] | null;
}

export const userError = (code: ErrorCode, message: string, field?: string[]): UserErrorValue => ({
  code,
  message,
  ...(field ? { field } : {}),
});

/** zod issues of a command built from `input` → user errors on `input.<path>`. */
export const userErrorsOf = (issues: readonly z.core.$ZodIssue[]): UserErrorValue[] =>
  issues.map((issue) => ({
    code: 'BAD_USER_INPUT',
    message: issue.message,
    field: ['input', ...issue.path.map(String)],
  }));
