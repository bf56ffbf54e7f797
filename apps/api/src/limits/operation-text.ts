import type { DocumentNode } from 'graphql';
import { BREAK, visit } from 'graphql';
import { textProblem } from './input-text.js';

const valueProblem = (value: unknown): string | null => {
  if (typeof value === 'string') return textProblem(value);
  if (value !== null && typeof value === 'object')
    for (const inner of Object.values(value)) {
      const problem = valueProblem(inner);
      if (problem) return problem;
    }
  return null;
};

/**
 * Why a string argument of a document (written in it or given as a variable) is refused whatever its field,
 * or null. A NUL in a filter would otherwise reach PostgreSQL and fail as INTERNAL.
 */
export const argumentTextProblem = (
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): string | null => {
  let problem = valueProblem(variables);
  if (problem) return problem;
  visit(document, {
    StringValue: (node) => {
      problem = textProblem(node.value);
      return problem ? BREAK : undefined;
    },
  });
  return problem;
};
