import { ErrorCode, StatusError } from '@status-communities/errors';

/** One bad variable; the value itself is never included, since it may be a secret. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/** Every bad variable of a service's configuration at once, so one restart can fix them all. */
export class ConfigError extends StatusError {
  constructor(
    readonly serviceName: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      ErrorCode.INVALID_CONFIG,
      [
        `Invalid configuration for ${serviceName} (${problems.length} ${problems.length === 1 ? 'variable' : 'variables'}):`,
        ...problems.map(({ variable, problem }) => `  ${variable}: ${problem}`),
      ].join('\n'),
      { problems },
    );
  }
}
