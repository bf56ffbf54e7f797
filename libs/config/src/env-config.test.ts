import { describe, expect, it } from '@jest/globals';
import { ConfigError, defineEnvConfig, envInteger, envMatching, envString, envUrl } from './index.js';

const launcherConfig = defineEnvConfig({
  name: 'launcher',
  variables: {
    DATABASE_URL: envUrl(['postgresql'], 'postgresql://postgres@127.0.0.1:5432/x'),
    NODES: envInteger({ min: 2, max: 8, defaultValue: 2 }),
    TOKEN: envString(),
  },
  secrets: ['TOKEN'],
});

describe('a configuration of any program from the environment', () => {
  it('reads only its own variables, with defaults', () => {
    expect(launcherConfig.load({ TOKEN: 't', PATH: '/bin' })).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
      NODES: 2,
      TOKEN: 't',
    });
    expect(launcherConfig.variableNames).toEqual(['DATABASE_URL', 'NODES', 'TOKEN']);
  });

  it('names the program and every bad variable', () => {
    const result = launcherConfig.parse({ NODES: '9' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect(result.error.message).toContain('Invalid configuration for launcher (2 variables):');
    expect(result.error.problems).toEqual([
      { variable: 'NODES', problem: 'must be at most 8' },
      { variable: 'TOKEN', problem: 'is required but not set' },
    ]);
  });

  it('checks a pattern, saying its rule when a value does not match', () => {
    const tagged = defineEnvConfig({
      name: 'tagged',
      variables: { TAG: envMatching(/^[a-z]{1,4}$/, 'must be 1-4 of a-z', 'abc') },
    });
    expect(tagged.load({})).toEqual({ TAG: 'abc' });
    expect(tagged.load({ TAG: 'xy' })).toEqual({ TAG: 'xy' });
    const result = tagged.parse({ TAG: '{xy}' });
    expect(result.ok ? [] : result.error.problems).toEqual([
      { variable: 'TAG', problem: 'must be 1-4 of a-z' },
    ]);
  });

  it('hides secrets and URL passwords when described', () => {
    const config = launcherConfig.load({ TOKEN: 'hunter2', DATABASE_URL: 'postgresql://u:pw@db/x' });
    expect(launcherConfig.describe(config)).toEqual({
      DATABASE_URL: 'postgresql://u:***@db/x',
      NODES: 2,
      TOKEN: '[redacted]',
    });
  });
});
