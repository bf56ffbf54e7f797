import { raceTimeout, TIMED_OUT } from './race-timeout.js';

/** What a check reports: `true`/`false`, or a verdict with details (peer counts, queue depths…). */
export type CheckOutcome = boolean | { readonly ok: boolean; readonly details?: Record<string, unknown> };

/** Throwing counts as not ready; the error message is reported. */
export type ReadinessCheck = () => Promise<CheckOutcome>;

export interface CheckResult {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly details?: Record<string, unknown>;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  /** True once shutdown has begun: not ready, whatever the checks say. */
  readonly draining: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
  /** Names of the failed checks, in registration order. */
  readonly failed: readonly string[];
}

export interface Readiness {
  /** Adds a named check; names are unique. */
  add(name: string, check: ReadinessCheck, options?: { readonly timeoutMs?: number }): void;
  /** From now on report not ready, so load balancers stop sending work before the service closes. */
  drain(): void;
  /** Runs every check concurrently, each bounded by its timeout. */
  check(): Promise<ReadinessReport>;
}

/**
 * Kubernetes gives a probe 1 s by default (timeoutSeconds) and counts no answer as a failure, so a check that
 * cannot answer says so well within that: /readyz answers 503 naming it rather than hanging.
 */
export const DEFAULT_CHECK_TIMEOUT_MS = 750;

const runCheck = async (check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const outcome = await raceTimeout(check(), timeoutMs);
    if (outcome === TIMED_OUT)
      return { ok: false, durationMs: elapsed(), error: `timed out after ${timeoutMs} ms` };
    if (typeof outcome === 'boolean') return { ok: outcome, durationMs: elapsed() };
    return {
      ok: outcome.ok,
      durationMs: elapsed(),
      ...(outcome.details ? { details: outcome.details } : {}),
    };
  } catch (error) {
    return {
      ok: false,
      durationMs: elapsed(),
      error: error instanceof Error ? error.message : String(error),
    };
  }
};

export const createReadiness = (): Readiness => {
  const checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();
  let draining = false;
  return {
    add: (name, check, options = {}) => {
      if (checks.has(name)) throw new Error(`Readiness check ${name} is already registered`);
      checks.set(name, { check, timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS });
    },
    drain: () => {
      draining = true;
    },
    check: async () => {
      const entries = [...checks];
      const results = await Promise.all(
        entries.map(([, { check, timeoutMs }]) => runCheck(check, timeoutMs)),
      );
      const byName = Object.fromEntries(
        entries.map(([name], index) => [name, results[index] as CheckResult]),
      );
      const failed = entries.filter((_, index) => !results[index]?.ok).map(([name]) => name);
      return { ready: !draining && failed.length === 0, draining, checks: byName, failed };
    },
  };
};
