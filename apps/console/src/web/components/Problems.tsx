import type { ApiProblem } from '../api/errors.js';
import { describeProblem } from '../api/errors.js';

/** The API's refusal, said for a person; `data-code` keeps the ErrorCode for tests and support. */
export const Problems = ({ problems }: { problems: readonly ApiProblem[] | undefined }) =>
  problems && problems.length > 0 ? (
    <div className="problems" role="alert">
      {problems.map((problem, index) => (
        <p key={index} data-code={problem.code}>
          <strong>{problem.code}</strong> {describeProblem(problem)}
        </p>
      ))}
    </div>
  ) : null;

/** A status line for a finished action, read out by screen readers. */
export const Done = ({ text }: { text: string | undefined }) =>
  text ? (
    <p className="done" role="status">
      {text}
    </p>
  ) : null;
