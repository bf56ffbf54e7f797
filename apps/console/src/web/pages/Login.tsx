import { useState } from 'react';
import type { FormEvent } from 'react';
import { VIEWER } from '../api/documents.js';
import type { ApiProblem } from '../api/errors.js';
import { problemsOf } from '../api/errors.js';
import { createGraphQLClient } from '../api/graphql-client.js';
import { Problems } from '../components/Problems.js';
import type { Viewer } from '../session.js';

interface LoginProps {
  readonly endpoint: string;
  /** Why the last key was given up (revoked, expired), shown above the form. */
  readonly reason: readonly ApiProblem[] | undefined;
  onSignedIn(key: string, viewer: Viewer): void;
}

/** The one way in: an API key, checked by asking the API who it is. */
export const Login = ({ endpoint, reason, onSignedIn }: LoginProps) => {
  const [key, setKey] = useState('');
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<readonly ApiProblem[] | undefined>(reason);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    try {
      const { viewer } = await createGraphQLClient(endpoint, key.trim()).request<{ viewer: Viewer }>(VIEWER);
      onSignedIn(key.trim(), viewer);
    } catch (error) {
      setProblems(problemsOf(error));
      setPending(false);
    }
  };
  return (
    <main className="login">
      <h1>Status Communities console</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby="login-help">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <p id="login-help" className="help">
          The key is kept in this browser tab only, and sent to the API alone.
        </p>
        <button type="submit" disabled={pending || key.trim().length === 0}>
          {pending ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <Problems problems={problems} />
    </main>
  );
};
